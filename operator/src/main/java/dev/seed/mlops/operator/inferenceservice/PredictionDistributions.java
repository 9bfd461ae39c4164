package dev.seed.mlops.operator.inferenceservice;

/** PSI between prediction histograms over the same bins. */
final class PredictionDistributions {
    /** Keeps empty bins from making PSI infinite, as the inference server does. */
    private static final double EPSILON = 1e-4;

    private PredictionDistributions() {
    }

    /** NaN when either side has no predictions yet: no data is not "no drift". */
    static double psi(long[] actual, long[] expected) {
        long expectedTotal = sum(expected);
        if (expected.length == 0 || expectedTotal == 0) {
            return Double.NaN;
        }
        double[] fractions = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            fractions[i] = (double) expected[i] / expectedTotal;
        }
        return psi(actual, fractions);
    }

    /** PSI of counts against expected proportions; NaN without counts or when the bins differ. */
    static double psi(long[] actual, double[] expected) {
        long actualTotal = sum(actual);
        if (actual.length == 0 || actual.length != expected.length || actualTotal == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = Math.max((double) actual[i] / actualTotal, EPSILON);
            double e = Math.max(expected[i], EPSILON);
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
