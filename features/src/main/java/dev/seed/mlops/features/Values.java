package dev.seed.mlops.features;

import java.util.List;

/**
 * How a value sits in a pipeline row (a {@code double[]} with one slot per column): a number as itself; a category as
 * its index in the column's vocabulary; {@link #MISSING} (NaN) for a missing value of either type; {@link #UNKNOWN}
 * for a category the vocabulary does not hold (a value seen first at serving time).
 */
public final class Values {
    public static final double MISSING = Double.NaN;
    public static final double UNKNOWN = -1.0;

    private Values() {
    }

    public static boolean isMissing(double value) {
        return Double.isNaN(value);
    }

    /** The code of a category in a vocabulary, {@link #UNKNOWN} when absent, {@link #MISSING} for null or empty. */
    public static double code(List<String> vocabulary, String value) {
        if (value == null || value.isEmpty()) {
            return MISSING;
        }
        int index = vocabulary.indexOf(value);
        return index < 0 ? UNKNOWN : index;
    }

    /** A computed number that is not finite (an overflow, a division by zero) is missing, never an infinity. */
    static double finite(double value) {
        return Double.isFinite(value) ? value : MISSING;
    }
}
