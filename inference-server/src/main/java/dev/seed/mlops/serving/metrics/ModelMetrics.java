package dev.seed.mlops.serving.metrics;

import dev.seed.mlops.serving.drift.DriftMetric;
import dev.seed.mlops.serving.drift.DriftMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Gauges that describe the loaded model and its drift; their values are read at scrape time. */
public final class ModelMetrics {

    private ModelMetrics() {
    }

    /** {@code mlops_model_info{model,version,format,engine}} = 1 while the version is served. */
    public static void registerInfo(MeterRegistry registry, String model, String version, String format, String engine) {
        Gauge.builder("mlops.model.info", () -> 1)
                .description("The model version this server serves, and how")
                .tags(Tags.of("model", model, "version", version, "format", format, "engine", engine))
                .register(registry);
    }

    /**
     * {@code mlops_feature_drift{model,version,feature,metric}} and {@code mlops_prediction_drift{model,version,metric}}
     * for every metric, plus the window's sample count. NaN while the window holds nothing to compare.
     */
    public static void registerDrift(MeterRegistry registry, String model, String version, DriftMonitor drift) {
        Tags modelTags = Tags.of("model", model, "version", version);
        for (DriftMetric metric : DriftMetric.values()) {
            for (String feature : drift.trackedFeatures()) {
                Gauge.builder("mlops.feature.drift", drift, d -> d.featureScore(feature, metric))
                        .description("Drift of a feature over the current window against the training baseline")
                        .tags(modelTags.and("feature", feature, "metric", metric.id()))
                        .register(registry);
            }
            if (drift.tracksPrediction()) {
                Gauge.builder("mlops.prediction.drift", drift, d -> d.predictionScore(metric))
                        .description("Drift of the prediction over the current window against the training baseline")
                        .tags(modelTags.and("metric", metric.id()))
                        .register(registry);
            }
        }
        Gauge.builder("mlops.drift.window.samples", drift, DriftMonitor::samples)
                .description("Rows in the drift window")
                .tags(modelTags)
                .register(registry);
    }
}
