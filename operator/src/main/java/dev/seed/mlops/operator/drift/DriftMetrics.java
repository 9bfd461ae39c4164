package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code mlops_feature_drift{namespace,policy,model,version,feature,metric}}: the latest score per watched variable,
 * and {@code mlops_retrain_triggered_total{namespace,policy}}. Gauges of variables or versions a policy no longer
 * reports are removed, so a dashboard does not show a stale score as current.
 */
public class DriftMetrics {
    private final MeterRegistry registry;
    /** Per policy (namespace/name): the gauges it reports now, by their tags, with the value they read. */
    private final Map<String, Map<Tags, AtomicReference<Double>>> gauges = new ConcurrentHashMap<>();

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void scores(DriftPolicy policy, String model, long version, Map<String, Double> scores) {
        Tags base = Tags.of("namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName(),
                "model", model, "version", String.valueOf(version), "metric", policy.getSpec().getMetric().name());
        Map<Tags, Double> wanted = new HashMap<>();
        scores.forEach((feature, score) -> wanted.put(base.and("feature", feature), score));
        Map<Tags, AtomicReference<Double>> current = gauges.computeIfAbsent(key(policy), k -> new ConcurrentHashMap<>());
        current.entrySet().removeIf(gauge -> {
            boolean stale = !wanted.containsKey(gauge.getKey());
            if (stale) {
                registry.find("mlops.feature.drift").tags(gauge.getKey()).gauges().forEach(registry::remove);
            }
            return stale;
        });
        wanted.forEach((tags, score) -> current.computeIfAbsent(tags, t -> {
            AtomicReference<Double> value = new AtomicReference<>(score);
            Gauge.builder("mlops.feature.drift", value, AtomicReference::get)
                    .description("Latest drift score a DriftPolicy measured, per feature (_prediction for the prediction)")
                    .tags(t).register(registry);
            return value;
        }).set(score));
    }

    void retrainTriggered(DriftPolicy policy) {
        Counter.builder("mlops.retrain.triggered").description("Retrains a DriftPolicy started")
                .tags("namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName())
                .register(registry).increment();
    }

    private static String key(DriftPolicy policy) {
        return policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    }
}
