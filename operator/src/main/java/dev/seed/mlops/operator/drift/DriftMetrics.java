package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.QualityPolicy;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code mlops_policy_feature_drift{namespace,policy,model,version,feature,metric}}: the latest score a policy judged
 * per watched variable, on the pods' pooled windows (the serving pods' own per-window gauge is
 * {@code mlops_feature_drift}, without a policy label); {@code mlops_policy_drift_threshold{namespace,policy,metric}}:
 * the threshold those scores are judged against, so alerts and dashboards compare each policy with its own;
 * {@code mlops_model_quality{namespace,policy,model,version,metric}}: the realised quality of the stable version at the
 * latest quality evaluation that had enough labels to judge (none while too few labels came back), and
 * {@code mlops_policy_quality_bound{namespace,policy,metric,bound}} (bound minimum or maximum) it is judged against;
 * {@code mlops_retrain_triggered_total{namespace,policy}} and
 * {@code mlops_retrain_outcome_total{namespace,policy,outcome}} (promoted, failed, rolled_back). Gauges of variables or
 * versions a policy no longer reports are removed, and all of a policy's gauges when the policy is deleted, so a
 * dashboard never shows a stale score as current.
 */
public class DriftMetrics {
    static final String FEATURE_DRIFT = "mlops.policy.feature.drift";
    static final String THRESHOLD = "mlops.policy.drift.threshold";
    static final String QUALITY = "mlops.model.quality";
    static final String QUALITY_BOUND = "mlops.policy.quality.bound";
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            FEATURE_DRIFT, "Latest drift score a DriftPolicy judged on the pooled windows of the serving pods, per feature (_prediction for the prediction)",
            THRESHOLD, "The threshold a DriftPolicy judges its drift scores against (spec.threshold)",
            QUALITY, "Realised quality of the serving version on joined ground truth at the latest evaluation with at least minLabels labels (spec.performance.metric)",
            QUALITY_BOUND, "The bound a DriftPolicy judges realised quality against (spec.performance.minimum or maximum)");
    private final MeterRegistry registry;
    /** Per meter name, per policy (namespace/name): the gauges it reports now, by their tags, with the value they read. */
    private final Map<String, Map<String, Map<Tags, AtomicReference<Double>>>> gauges = Map.of(
            FEATURE_DRIFT, new ConcurrentHashMap<>(), THRESHOLD, new ConcurrentHashMap<>(), QUALITY, new ConcurrentHashMap<>(),
            QUALITY_BOUND, new ConcurrentHashMap<>());

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void scores(DriftPolicy policy, String model, long version, Map<String, Double> scores) {
        Tags policyTags = Tags.of("namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName(),
                "metric", policy.getSpec().getMetric().name());
        Tags base = policyTags.and("model", model, "version", String.valueOf(version));
        Map<Tags, Double> wanted = new HashMap<>();
        scores.forEach((feature, score) -> wanted.put(base.and("feature", feature), score));
        report(FEATURE_DRIFT, policy, wanted);
        report(THRESHOLD, policy, Map.of(policyTags, policy.getSpec().getThreshold()));
    }

    /** The policy's quality gauges become exactly {@code values} (none: removed), with its bound while it has a performance section. */
    void quality(DriftPolicy policy, List<DriftPlan.QualityGauge> values) {
        Tags policyTags = Tags.of("namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName());
        Map<Tags, Double> wanted = new HashMap<>();
        values.forEach(v -> wanted.put(policyTags.and("model", v.model(), "version", String.valueOf(v.version()), "metric", v.metric()), v.value()));
        report(QUALITY, policy, wanted);
        QualityPolicy performance = policy.getSpec().getPerformance();
        Map<Tags, Double> bound = new HashMap<>();
        if (performance != null) {
            boolean minimum = performance.getMinimum() != null;
            bound.put(policyTags.and("metric", performance.getMetric().name(), "bound", minimum ? "minimum" : "maximum"),
                    minimum ? performance.getMinimum() : performance.getMaximum());
        }
        report(QUALITY_BOUND, policy, bound);
    }

    /** The policy is gone: so are its gauges. Its counters stay, as counters do. */
    void forget(DriftPolicy policy) {
        gauges.forEach((name, byPolicy) -> {
            Map<Tags, AtomicReference<Double>> current = byPolicy.remove(key(policy));
            if (current != null) {
                current.keySet().forEach(tags -> remove(name, tags));
            }
        });
    }

    /** Sets the policy's gauges of one name to {@code wanted}, removing those it no longer reports. */
    private void report(String name, DriftPolicy policy, Map<Tags, Double> wanted) {
        Map<Tags, AtomicReference<Double>> current = gauges.get(name).computeIfAbsent(key(policy), k -> new ConcurrentHashMap<>());
        current.entrySet().removeIf(gauge -> {
            boolean stale = !wanted.containsKey(gauge.getKey());
            if (stale) {
                remove(name, gauge.getKey());
            }
            return stale;
        });
        wanted.forEach((tags, value) -> current.computeIfAbsent(tags, t -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            Gauge.builder(name, holder, AtomicReference::get).description(DESCRIPTIONS.get(name)).tags(t).register(registry);
            return holder;
        }).set(value));
    }

    void retrainTriggered(DriftPolicy policy) {
        Counter.builder("mlops.retrain.triggered").description("Retrains a DriftPolicy started")
                .tags("namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName())
                .register(registry).increment();
    }

    void retrainEnded(DriftPolicy policy, RetrainState state) {
        String outcome = switch (state) {
            case Promoted -> "promoted";
            case RolledBack -> "rolled_back";
            default -> "failed";
        };
        Counter.builder("mlops.retrain.outcome").description("Retrains a DriftPolicy started that ended, by how they ended")
                .tags("namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName(), "outcome", outcome)
                .register(registry).increment();
    }

    private void remove(String name, Tags tags) {
        registry.find(name).tags(tags).gauges().forEach(registry::remove);
    }

    private static String key(DriftPolicy policy) {
        return policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    }
}
