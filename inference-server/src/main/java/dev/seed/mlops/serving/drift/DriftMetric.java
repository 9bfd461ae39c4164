package dev.seed.mlops.serving.drift;

import dev.seed.mlops.statistics.DriftStatistics;

/**
 * Distances between the baseline distribution (expected proportions per bin) and the window's (counts per
 * bin), named as DriftPolicy's {@code spec.metric} names them; computed by {@link DriftStatistics}, which the operator
 * also scores pooled windows with. None allocates.
 */
public enum DriftMetric {

    /** Population stability index; see {@link DriftStatistics#psi}. */
    PSI("psi") {
        @Override
        public double score(double[] expected, long[] counts, int offset, int bins, long total) {
            return DriftStatistics.psi(expected, counts, offset, bins, total);
        }
    },

    /** Kolmogorov–Smirnov statistic on the binned distributions; see {@link DriftStatistics#ks}. */
    KS("ks") {
        @Override
        public double score(double[] expected, long[] counts, int offset, int bins, long total) {
            return DriftStatistics.ks(expected, counts, offset, bins, total);
        }
    },

    /** Jensen–Shannon divergence in bits; see {@link DriftStatistics#jensenShannon}. */
    JENSEN_SHANNON("jensenShannon") {
        @Override
        public double score(double[] expected, long[] counts, int offset, int bins, long total) {
            return DriftStatistics.jensenShannon(expected, counts, offset, bins, total);
        }
    };

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
