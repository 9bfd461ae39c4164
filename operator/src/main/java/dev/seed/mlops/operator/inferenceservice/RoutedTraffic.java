package dev.seed.mlops.operator.inferenceservice;

/**
 * What the stable pods did with the requests they received, as cumulative counters of one pod (its routing endpoint)
 * or as the difference over an interval summed over pods: answered themselves, forwarded to the canary and answered
 * by it, meant for the canary but answered locally (fallback), and for mirrored requests what comparing the two answers
 * showed.
 *
 * @param stableBins predictions of the stable version on the compared rows, on the bins every version shares
 * @param shadowBins the canary's predictions on the same rows and bins
 */
public record RoutedTraffic(long local, long forwarded, long fallback, long mirrored, long dropped, long failed, long compared,
        long rows, long agreeingRows, double absDeltaSum, long[] stableBins, long[] shadowBins) {

    public static final RoutedTraffic NONE = new RoutedTraffic(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[0], new long[0]);

    /** The traffic since an earlier reading of the same pod. */
    RoutedTraffic minus(RoutedTraffic earlier) {
        return new RoutedTraffic(local - earlier.local, forwarded - earlier.forwarded, fallback - earlier.fallback,
                mirrored - earlier.mirrored, dropped - earlier.dropped, failed - earlier.failed, compared - earlier.compared,
                rows - earlier.rows, agreeingRows - earlier.agreeingRows, absDeltaSum - earlier.absDeltaSum,
                subtract(stableBins, earlier.stableBins), subtract(shadowBins, earlier.shadowBins));
    }

    RoutedTraffic plus(RoutedTraffic other) {
        return new RoutedTraffic(local + other.local, forwarded + other.forwarded, fallback + other.fallback,
                mirrored + other.mirrored, dropped + other.dropped, failed + other.failed, compared + other.compared,
                rows + other.rows, agreeingRows + other.agreeingRows, absDeltaSum + other.absDeltaSum,
                add(stableBins, other.stableBins), add(shadowBins, other.shadowBins));
    }

    /** Whether a counter went back since the earlier reading: the pod's process restarted. */
    boolean restartedSince(RoutedTraffic earlier) {
        return local < earlier.local || forwarded < earlier.forwarded || fallback < earlier.fallback || mirrored < earlier.mirrored
                || compared < earlier.compared || rows < earlier.rows;
    }

    /** Percent of requests the canary answered; NaN without requests. */
    double servedWeight() {
        long all = local + forwarded + fallback;
        return all == 0 ? Double.NaN : 100.0 * forwarded / all;
    }

    /** Fraction of the requests meant for the canary that it did not answer; 0 when none were meant for it. */
    double fallbackRate() {
        long meant = forwarded + fallback;
        return meant == 0 ? 0.0 : (double) fallback / meant;
    }

    /** Fraction of mirrored requests that got no usable answer; 0 without mirrors. */
    double shadowFailureRate() {
        return mirrored == 0 ? 0.0 : (double) failed / mirrored;
    }

    /** Fraction of compared rows on which both versions decide alike; NaN without compared rows. */
    double agreement() {
        return rows == 0 ? Double.NaN : (double) agreeingRows / rows;
    }

    double meanAbsDelta() {
        return rows == 0 ? Double.NaN : absDeltaSum / rows;
    }

    /** PSI of the canary's predictions against the stable version's on the same mirrored rows; NaN without rows. */
    double shadowPsi() {
        return PredictionDistributions.psi(shadowBins, stableBins);
    }

    private static long[] subtract(long[] a, long[] b) {
        if (b.length != a.length) {
            return a.clone();
        }
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static long[] add(long[] a, long[] b) {
        if (a.length == 0) {
            return b.clone();
        }
        if (b.length != a.length) {
            return a.clone();
        }
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
