package dev.seed.mlops.operator.training;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** mlops_trainingjob_total{outcome}: finished TrainingJobs, for alerts on a run of failures. */
public class TrainingMetrics {
    private final MeterRegistry registry;

    public TrainingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void trainingFinished(String outcome) {
        Counter.builder("mlops.trainingjob").description("TrainingJobs that finished, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
