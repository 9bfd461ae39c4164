package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.statistics.DriftStatistics;

/** PSI between prediction histograms over the same bins, with the statistics the inference server scores with. */
final class PredictionDistributions {
    private PredictionDistributions() {
    }

    /** NaN when either side has no predictions yet: no data is not "no drift". */
    static double psi(long[] actual, long[] expected) {
        long expectedTotal = sum(expected);
        if (expected.length == 0 || expectedTotal == 0) {
            return Double.NaN;
        }
        long actualTotal = sum(actual);
        if (actual.length == 0 || actual.length != expected.length || actualTotal == 0) {
            return Double.NaN;
        }
        double[] fractions = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            fractions[i] = (double) expected[i] / expectedTotal;
        }
        return DriftStatistics.psi(fractions, actual, 0, actual.length, actualTotal);
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
