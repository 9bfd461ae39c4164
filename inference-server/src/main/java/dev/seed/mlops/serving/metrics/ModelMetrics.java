package dev.seed.mlops.serving.metrics;

import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.serving.drift.DriftMetric;
import dev.seed.mlops.serving.drift.DriftMonitor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;

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
     * {@code mlops_model_calibration_error{model,version}}: the expected calibration error the trainer measured on the
     * test split (its manifest's {@code calibrationError}), which says how far the accuracy estimate can be trusted.
     * Not registered when the manifest has none (a regression model, or one trained or exported elsewhere).
     */
    public static void registerCalibration(MeterRegistry registry, String model, String version, Map<String, Double> metrics) {
        Double error = metrics == null ? null : metrics.get(Metric.calibrationError.name());
        if (error != null && Double.isFinite(error)) {
            Gauge.builder("mlops.model.calibration.error", () -> error)
                    .description("Expected calibration error of the model's probabilities on its test split")
                    .tags(Tags.of("model", model, "version", version))
                    .register(registry);
        }
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
