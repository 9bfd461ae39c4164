package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "has(self.minimum) != has(self.maximum)", message = "a gate sets exactly one of minimum or maximum")
@ValidationRule(value = "!has(self.minimum) || self.minimum >= 0.0", message = "minimum must not be negative")
@ValidationRule(value = "!has(self.maximum) || self.maximum >= 0.0", message = "maximum must not be negative")
@ValidationRule(value = "!(self.metric in " + Metric.CEL_SCORES_UP_TO_ONE + ") || ((!has(self.minimum) || self.minimum <= 1.0) && (!has(self.maximum) || self.maximum <= 1.0))",
        message = "auc, accuracy, precision, recall, f1 and r2 are at most 1: a gate above 1 can never be met (write 0.7 for 70%)")
@ValidationRule(value = "!(self.metric in " + Metric.CEL_ERRORS + ") || !has(self.minimum)",
        message = "logLoss, rmse, mae and calibrationError are errors (lower is better): gate them with maximum, not minimum")
@ValidationRule(value = "self.metric in " + Metric.CEL_ERRORS + " || !has(self.maximum)",
        message = "auc, accuracy, precision, recall, f1 and r2 are scores (higher is better): gate them with minimum, not maximum")
public class MetricGate {
    @Required
    @JsonPropertyDescription("The metric the gate reads: auc, accuracy, precision, recall, f1, logLoss, calibrationError (classification); rmse, mae, r2 (regression).")
    private Metric metric;

    @JsonPropertyDescription("The metric must be at least this: only for scores, where higher is better (auc, accuracy, precision, recall, f1, r2; at most 1).")
    private Double minimum;

    @JsonPropertyDescription("The metric must be at most this: only for errors, where lower is better (logLoss, rmse, mae, calibrationError).")
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
