package dev.seed.mlops.features;

import java.util.Arrays;

/** The statistics transforms are fitted with, over the non-missing values of a training column, in row order. */
final class Statistics {
    private Statistics() {
    }

    /** The non-missing values, sorted. */
    static double[] sortedPresent(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Values.isMissing(v)).toArray();
        Arrays.sort(present);
        return present;
    }

    /** The q-quantile of sorted values, interpolated linearly between the two nearest ranks (R's type 7, NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lower = (int) Math.floor(h);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }

    static double mean(double[] present) {
        double sum = 0;
        for (double v : present) {
            sum += v;
        }
        return sum / present.length;
    }

    /** The population standard deviation. */
    static double standardDeviation(double[] present, double mean) {
        double sum = 0;
        for (double v : present) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / present.length);
    }

    /** The most frequent of sorted values; the smallest among equally frequent ones. */
    static double mode(double[] sorted) {
        double best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                best = sorted[i];
                bestCount = j - i;
            }
            i = j;
        }
        return best;
    }
}
