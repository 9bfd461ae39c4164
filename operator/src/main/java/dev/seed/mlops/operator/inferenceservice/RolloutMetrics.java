package dev.seed.mlops.operator.inferenceservice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** mlops_rollout_total{namespace,inferenceservice,outcome}: replacements that ended, for alerts on rollbacks. */
public class RolloutMetrics {
    private final MeterRegistry registry;

    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rolloutEnded(String namespace, String inferenceService, String outcome) {
        Counter.builder("mlops.rollout").description("Canary replacements that ended, by outcome")
                .tags("namespace", namespace, "inferenceservice", inferenceService, "outcome", outcome)
                .register(registry).increment();
    }
}
