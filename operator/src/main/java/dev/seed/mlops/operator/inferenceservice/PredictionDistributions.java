package dev.seed.mlops.operator.inferenceservice;

/** PSI between two versions' prediction histograms over the same baseline bins. */
final class PredictionDistributions {
    /** Keeps empty bins from making PSI infinite, as the inference server does. */
    private static final double EPSILON = 1e-4;

    private PredictionDistributions() {
    }

    /** NaN when either side has no predictions yet: no data is not "no drift". */
    static double psi(long[] actual, long[] expected) {
        long actualTotal = sum(actual);
        long expectedTotal = sum(expected);
        if (actual.length == 0 || actual.length != expected.length || actualTotal == 0 || expectedTotal == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = Math.max((double) actual[i] / actualTotal, EPSILON);
            double e = Math.max((double) expected[i] / expectedTotal, EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
