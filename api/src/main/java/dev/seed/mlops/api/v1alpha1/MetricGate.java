package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "has(self.minimum) != has(self.maximum)", message = "a gate sets exactly one of minimum or maximum")
@ValidationRule(value = "!has(self.minimum) || self.minimum >= 0.0", message = "minimum must not be negative")
@ValidationRule(value = "!has(self.maximum) || self.maximum >= 0.0", message = "maximum must not be negative")
public class MetricGate {
    @Required
    @JsonPropertyDescription("The metric the gate reads: auc, accuracy, precision, recall, f1, logLoss (classification); rmse, mae, r2 (regression).")
    private Metric metric;

    @JsonPropertyDescription("The metric must be at least this (for metrics where higher is better).")
    private Double minimum;

    @JsonPropertyDescription("The metric must be at most this (for metrics where lower is better, e.g. logLoss, rmse).")
    private Double maximum;

    public Metric getMetric() {
        return metric;
    }

    public void setMetric(Metric metric) {
        this.metric = metric;
    }

    public Double getMinimum() {
        return minimum;
    }

    public void setMinimum(Double minimum) {
        this.minimum = minimum;
    }

    public Double getMaximum() {
        return maximum;
    }

    public void setMaximum(Double maximum) {
        this.maximum = maximum;
    }
}
