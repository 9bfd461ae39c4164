package dev.seed.mlops.serving.drift;

/**
 * Distances between the baseline distribution (expected proportions per bin) and the window's (counts per
 * bin), named as DriftPolicy's {@code spec.metric} names them. None allocates.
 */
public enum DriftMetric {

    /**
     * Population stability index, sum of (a - e) ln(a / e). Empty bins on either side count as
     * {@link #PSI_EMPTY_BIN}, the usual convention, so one empty bin gives a large but finite score.
     */
    PSI("psi") {
        @Override
        public double score(double[] expected, long[] counts, int offset, int bins, long total) {
            double psi = 0;
            for (int i = 0; i < bins; i++) {
                double e = Math.max(expected[i], PSI_EMPTY_BIN);
                double a = Math.max((double) counts[offset + i] / total, PSI_EMPTY_BIN);
                psi += (a - e) * Math.log(a / e);
            }
            return psi;
        }
    },

    /** Kolmogorov–Smirnov statistic on the binned distributions: the largest gap between the two CDFs. */
    KS("ks") {
        @Override
        public double score(double[] expected, long[] counts, int offset, int bins, long total) {
            double expectedCdf = 0;
            double actualCdf = 0;
            double largest = 0;
            for (int i = 0; i < bins; i++) {
                expectedCdf += expected[i];
                actualCdf += (double) counts[offset + i] / total;
                largest = Math.max(largest, Math.abs(actualCdf - expectedCdf));
            }
            return largest;
        }
    },

    /** Jensen–Shannon divergence in bits (log base 2), so it lies between 0 and 1; empty bins add nothing. */
    JENSEN_SHANNON("jensenShannon") {
        @Override
        public double score(double[] expected, long[] counts, int offset, int bins, long total) {
            double divergence = 0;
            for (int i = 0; i < bins; i++) {
                double e = expected[i];
                double a = (double) counts[offset + i] / total;
                double m = (e + a) / 2;
                divergence += halfKullbackLeibler(e, m) + halfKullbackLeibler(a, m);
            }
            return divergence;
        }

        private double halfKullbackLeibler(double p, double m) {
            return p == 0 ? 0 : 0.5 * p * Math.log(p / m) / LN_2;
        }
    };

    /** The proportion an empty bin counts as in PSI. */
    public static final double PSI_EMPTY_BIN = 1e-4;
    private static final double LN_2 = Math.log(2);

    private final String id;

    DriftMetric(String id) {
        this.id = id;
    }

    /** The name used in the API, metrics and DriftPolicy: psi, ks, jensenShannon. */
    public String id() {
        return id;
    }

    /**
     * @param expected baseline proportions per bin, summing to 1
     * @param counts   window counts; this variable's bins start at {@code offset}
     * @param total    the sum of this variable's counts, greater than 0
     */
    public abstract double score(double[] expected, long[] counts, int offset, int bins, long total);
}
