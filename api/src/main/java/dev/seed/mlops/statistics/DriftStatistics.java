package dev.seed.mlops.statistics;

/**
 * Distances between a baseline distribution (expected proportions per bin) and observed counts on the same bins: the
 * one implementation the inference server scores its window with and the operator scores pooled windows with. None
 * allocates.
 */
public final class DriftStatistics {
    /** The proportion an empty bin counts as in PSI. */
    public static final double PSI_EMPTY_BIN = 1e-4;
    private static final double LN_2 = Math.log(2);

    private DriftStatistics() {
    }

    /**
     * Population stability index, sum of (a - e) ln(a / e). Empty bins on either side count as {@link #PSI_EMPTY_BIN},
     * the usual convention, so one empty bin gives a large but finite score.
     *
     * @param expected baseline proportions per bin, summing to 1
     * @param counts   observed counts; this variable's bins start at {@code offset}
     * @param total    the sum of this variable's counts, greater than 0
     */
    public static double psi(double[] expected, long[] counts, int offset, int bins, long total) {
        double psi = 0;
        for (int i = 0; i < bins; i++) {
            double e = Math.max(expected[i], PSI_EMPTY_BIN);
            double a = Math.max((double) counts[offset + i] / total, PSI_EMPTY_BIN);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /** Kolmogorov–Smirnov statistic on the binned distributions: the largest gap between the two CDFs. */
    public static double ks(double[] expected, long[] counts, int offset, int bins, long total) {
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

    /** Jensen–Shannon divergence in bits (log base 2), so it lies between 0 and 1; empty bins add nothing. */
    public static double jensenShannon(double[] expected, long[] counts, int offset, int bins, long total) {
        double divergence = 0;
        for (int i = 0; i < bins; i++) {
            double e = expected[i];
            double a = (double) counts[offset + i] / total;
            double m = (e + a) / 2;
            divergence += halfKullbackLeibler(e, m) + halfKullbackLeibler(a, m);
        }
        return divergence;
    }

    private static double halfKullbackLeibler(double p, double m) {
        return p == 0 ? 0 : 0.5 * p * Math.log(p / m) / LN_2;
    }
}
