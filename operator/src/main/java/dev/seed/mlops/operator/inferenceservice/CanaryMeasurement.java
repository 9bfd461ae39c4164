package dev.seed.mlops.operator.inferenceservice;

/**
 * What the canary did since the last measurement.
 *
 * @param requests        requests the canary answered in the interval
 * @param errors          of those, how many failed with a 5xx
 * @param p99LatencyMs    99th-percentile latency of the canary, NaN when unknown
 * @param predictionDrift PSI of the canary's predictions against the stable version's, NaN when unknown
 */
public record CanaryMeasurement(long requests, long errors, double p99LatencyMs, double predictionDrift) {
    public double errorRate() {
        return requests == 0 ? 0.0 : (double) errors / requests;
    }
}
