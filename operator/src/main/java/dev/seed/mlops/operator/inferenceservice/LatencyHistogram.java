package dev.seed.mlops.operator.inferenceservice;

import java.util.Map;
import java.util.TreeMap;

/** Cumulative Prometheus histogram buckets summed over pods, and the quantile Prometheus' histogram_quantile would give. */
final class LatencyHistogram {
    private final TreeMap<Double, Double> cumulative = new TreeMap<>();

    void add(double upperBound, double count) {
        cumulative.merge(upperBound, count, Double::sum);
    }

    /** Linear interpolation inside the bucket that holds the quantile; NaN without observations. */
    double quantile(double q) {
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() == 0) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket == 0 ? bucket.getKey() : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
