package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceService;

/** Where canary analysis reads its measurements: the serving pods themselves, or a test double. */
public interface CanaryMetrics {
    /**
     * Measures the canary of {@code isvc} against its stable version.
     *
     * @param since cumulative counters of the canary at the previous measurement, to take the difference from
     */
    Reading measure(InferenceService isvc, long canaryVersion, long stableVersion, Counters since) throws Exception;

    /** Cumulative request and error counts of the canary's pods, kept in status between measurements. */
    record Counters(long requests, long errors) {
        public static final Counters ZERO = new Counters(0, 0);
    }

    record Reading(CanaryMeasurement measurement, Counters counters) {
    }
}
