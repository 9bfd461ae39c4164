package dev.seed.mlops.serving.drift;

import java.util.Arrays;

/** How one tracked variable's values fall into the baseline's bins, and the baseline proportions of those bins. */
abstract class Binning {

    private final double[] expected;

    Binning(double[] expected) {
        this.expected = expected;
    }

    double[] expected() {
        return expected;
    }

    int bins() {
        return expected.length;
    }

    /** The bin of a non-missing value: numeric values by edges, categorical ones by their model code. */
    abstract int bin(float value);

    /** Numeric bins: bin 0 is (-inf, e1), bin i is [ei, ei+1), the last [ek, +inf), as profile.json defines them. */
    static final class Numeric extends Binning {
        private final float[] edges;

        Numeric(float[] edges, double[] expected) {
            super(expected);
            this.edges = edges;
        }

        @Override
        int bin(float value) {
            int found = Arrays.binarySearch(edges, value);
            return found >= 0 ? found + 1 : -found - 1;
        }
    }

    /** Categorical bins: one per baseline category, then one for values the baseline does not know. */
    static final class Categorical extends Binning {
        private final int[] binOfCode;

        /** @param binOfCode the baseline bin of each model category code */
        Categorical(int[] binOfCode, double[] expected) {
            super(expected);
            this.binOfCode = binOfCode;
        }

        @Override
        int bin(float code) {
            int c = (int) code;
            return c >= 0 && c < binOfCode.length ? binOfCode[c] : unknownBin();
        }

        int unknownBin() {
            return bins() - 1;
        }
    }
}
