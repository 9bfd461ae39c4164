package dev.seed.mlops.operator.batch;

import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.BatchRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code mlops_batchprediction_runs_total{namespace,batchprediction,outcome}} (succeeded, failed),
 * {@code mlops_batchprediction_rows_total{namespace,batchprediction}}, and of the latest succeeded run:
 * {@code mlops_batchprediction_rows_per_second} and {@code mlops_batchprediction_feature_drift{...,model_version,feature}}
 * (PSI of the batch's input against the model's training profile; _prediction for the predictions). A name of its own,
 * apart from the serving pods' {@code mlops_feature_drift} and the policies' {@code mlops_policy_feature_drift}. A
 * run's drift gauges replace the previous run's; all of them go when the BatchPrediction is deleted.
 */
public class BatchMetrics {
    static final String FEATURE_DRIFT = "mlops.batchprediction.feature.drift";
    static final String ROWS_PER_SECOND = "mlops.batchprediction.rows.per.second";
    private final MeterRegistry registry;
    /** Per BatchPrediction (namespace/name): its gauges by name and tags. */
    private final Map<String, Map<Meter.Id, AtomicReference<Double>>> gauges = new ConcurrentHashMap<>();

    public BatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void runFinished(BatchPrediction bp, BatchRun run) {
        Tags tags = tags(bp);
        Counter.builder("mlops.batchprediction.runs").description("BatchPrediction runs that finished, by outcome")
                .tags(tags.and("outcome", run.getPhase().toLowerCase(java.util.Locale.ROOT))).register(registry).increment();
        if (!BatchPlanner.SUCCEEDED.equals(run.getPhase())) {
            return;
        }
        Counter.builder("mlops.batchprediction.rows").description("Rows scored by succeeded BatchPrediction runs")
                .tags(tags).register(registry).increment(run.getRowsOut() == null ? 0 : run.getRowsOut());
        Map<Meter.Id, Double> wanted = new HashMap<>();
        if (run.getRowsPerSecond() != null) {
            wanted.put(id(ROWS_PER_SECOND, tags), run.getRowsPerSecond());
        }
        if (run.getDrift() != null) {
            Tags model = tags.and("model_version", String.valueOf(run.getModelVersion()));
            run.getDrift().getFeatures().forEach((feature, psi) -> wanted.put(id(FEATURE_DRIFT, model.and("feature", feature)), psi));
            if (run.getDrift().getPrediction() != null) {
                wanted.put(id(FEATURE_DRIFT, model.and("feature", "_prediction")), run.getDrift().getPrediction());
            }
        }
        report(key(bp), wanted);
    }

    void forget(BatchPrediction bp) {
        Map<Meter.Id, AtomicReference<Double>> current = gauges.remove(key(bp));
        if (current != null) {
            current.keySet().forEach(registry::remove);
        }
    }

    private void report(String key, Map<Meter.Id, Double> wanted) {
        Map<Meter.Id, AtomicReference<Double>> current = gauges.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        current.entrySet().removeIf(gauge -> {
            boolean stale = !wanted.containsKey(gauge.getKey());
            if (stale) {
                registry.remove(gauge.getKey());
            }
            return stale;
        });
        wanted.forEach((id, value) -> current.computeIfAbsent(id, i -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            Gauge.builder(i.getName(), holder, AtomicReference::get).description(description(i.getName())).tags(i.getTags()).register(registry);
            return holder;
        }).set(value));
    }

    private static String description(String name) {
        return FEATURE_DRIFT.equals(name) ? "PSI of the latest succeeded BatchPrediction run's input against the model's training profile, per feature"
                : "Rows per second of the latest succeeded BatchPrediction run, all shards together";
    }

    private static Meter.Id id(String name, Tags tags) {
        return new Meter.Id(name, tags, null, null, Meter.Type.GAUGE);
    }

    private static Tags tags(BatchPrediction bp) {
        return Tags.of("namespace", bp.getMetadata().getNamespace(), "batchprediction", bp.getMetadata().getName());
    }

    private static String key(BatchPrediction bp) {
        return bp.getMetadata().getNamespace() + "/" + bp.getMetadata().getName();
    }
}
