package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!(self.metric in " + Metric.CEL_SCORES_UP_TO_ONE + ") || self.margin <= 1.0",
        message = "auc, accuracy, precision, recall, f1 and r2 are at most 1: a margin above 1 can never be met")
public class MustBeatServing {
    @Required
    @JsonPropertyDescription("The InferenceService whose serving (stable) version is the champion.")
    private LocalObjectRef inferenceServiceRef;

    @Required
    @JsonPropertyDescription("The metric both models are compared on.")
    private Metric metric;

    @Default("0.0")
    @Min(0)
    @JsonPropertyDescription("How much better than the champion the candidate must score (in the metric's units). 0 means at least as good. Default: 0.0.")
    private Double margin = 0.0;

    public LocalObjectRef getInferenceServiceRef() {
        return inferenceServiceRef;
    }

    public void setInferenceServiceRef(LocalObjectRef inferenceServiceRef) {
        this.inferenceServiceRef = inferenceServiceRef;
    }

    public Metric getMetric() {
        return metric;
    }

    public void setMetric(Metric metric) {
        this.metric = metric;
    }

    public Double getMargin() {
        return margin;
    }

    public void setMargin(Double margin) {
        this.margin = margin;
    }
}
