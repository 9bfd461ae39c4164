package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A test double of the serving pods' metrics: each canary version behaves as the test says, cumulatively like real counters. */
final class ScriptedCanaryMetrics implements CanaryMetrics {
    /** Requests and failures a canary version answers between two measurements; 0 requests is a canary nobody calls. */
    record Behaviour(long requestsPerInterval, long errorsPerInterval, double p99Ms, double predictionDrift) {
    }

    static final Behaviour HEALTHY = new Behaviour(500, 0, 8.0, 0.02);
    static final Behaviour FAILING = new Behaviour(500, 60, 8.0, 0.02);
    static final Behaviour IDLE = new Behaviour(0, 0, Double.NaN, Double.NaN);

    private final Map<Long, Behaviour> behaviours = new ConcurrentHashMap<>();

    void behave(long version, Behaviour behaviour) {
        behaviours.put(version, behaviour);
    }

    @Override
    public Reading measure(InferenceService isvc, long canaryVersion, long stableVersion, Counters since) {
        Behaviour b = behaviours.getOrDefault(canaryVersion, IDLE);
        Counters now = new Counters(since.requests() + b.requestsPerInterval(), since.errors() + b.errorsPerInterval());
        return new Reading(new CanaryMeasurement(b.requestsPerInterval(), b.errorsPerInterval(), b.p99Ms(), b.predictionDrift()), now);
    }
}
