package dev.seed.mlops.trainer.data;

/** Numbers as CSV text: read leniently, written so they read back to the same double. */
public final class NumberText {
    private static final double LARGEST_EXACT_LONG = 1e15;

    private NumberText() {
    }

    /** True for the spellings of a missing number: empty, NA, NaN, null (any case). */
    public static boolean isMissing(String text) {
        return text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN") || text.equalsIgnoreCase("null");
    }

    /** The finite number the text spells, or null when it spells none. */
    public static Double parse(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Integral values without a fraction ("3", not "3.0"); others as the shortest text that reads back exactly. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_LONG) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
