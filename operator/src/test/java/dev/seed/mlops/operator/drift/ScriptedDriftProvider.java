package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test double behind {@link DriftProvider}: per policy, a script of readings, one per evaluation, the last one
 * repeated; it counts the evaluations so a test can wait for "at least n checks" instead of for time.
 */
final class ScriptedDriftProvider implements DriftProviders {
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** One answer per evaluation of the given serving version. */
    interface Script {
        DriftReading answer(DriftTarget target, int evaluation) throws DriftProviderException;
    }

    void script(String policy, Script script) {
        scripts.put(policy, script);
        calls.computeIfAbsent(policy, p -> new AtomicInteger());
    }

    void sequence(String policy, List<DriftReading> readings) {
        script(policy, (target, n) -> readings.get(Math.min(n, readings.size() - 1)));
    }

    int evaluations(String policy) {
        return calls.getOrDefault(policy, new AtomicInteger()).get();
    }

    @Override
    public DriftProvider forPolicy(DriftPolicy policy) {
        String name = policy.getMetadata().getName();
        return (DriftTarget target, DriftMetric metric) -> {
            Script script = scripts.get(name);
            if (script == null) {
                throw new DriftProviderException("no script for policy " + name);
            }
            int n = calls.computeIfAbsent(name, p -> new AtomicInteger()).getAndIncrement();
            return script.answer(target, n);
        };
    }

    static DriftReading breach(String feature, double score) {
        Map<String, Double> scores = new java.util.HashMap<>(Map.of("age", 0.05, "income", 0.01, DriftReading.PREDICTION, 0.02));
        scores.put(feature, score);
        return new DriftReading(1000, scores);
    }

    static DriftReading clear() {
        return new DriftReading(1000, Map.of("age", 0.05, "income", 0.01, DriftReading.PREDICTION, 0.02));
    }
}
