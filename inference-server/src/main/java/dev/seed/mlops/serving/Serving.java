package dev.seed.mlops.serving;

import dev.seed.mlops.serving.drift.DriftMonitor;
import dev.seed.mlops.serving.metrics.InferenceMetrics;
import dev.seed.mlops.serving.model.ServedModel;

/** The model being served with what watches it: its drift window and its request metrics. */
public record Serving(ServedModel model, DriftMonitor drift, InferenceMetrics metrics) {
}
