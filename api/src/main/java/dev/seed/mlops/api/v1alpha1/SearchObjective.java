package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What the search optimises: a metric on the validation split (or its cross-validation mean), never the test split. */
@ValidationRule(value = "!(self.metric in " + Metric.CEL_ERRORS + ") || self.direction == 'minimize'",
        message = "logLoss, rmse, mae and calibrationError are errors (lower is better): minimize them")
@ValidationRule(value = "self.metric in " + Metric.CEL_ERRORS + " || self.direction == 'maximize'",
        message = "auc, accuracy, precision, recall, f1 and r2 are scores (higher is better): maximize them")
public class SearchObjective {
    @Required
    @JsonPropertyDescription("The metric a trial is judged by, on the validation split (with crossValidation: its mean across folds): auc, accuracy, precision, recall, f1, logLoss, calibrationError, rmse, mae or r2. No default.")
    private Metric metric;

    @Required
    @JsonPropertyDescription("maximize for scores (auc, accuracy, precision, recall, f1, r2), minimize for errors (logLoss, rmse, mae, calibrationError); the other way round is refused. No default.")
    private SearchDirection direction;

    public Metric getMetric() {
        return metric;
    }

    public void setMetric(Metric metric) {
        this.metric = metric;
    }

    public SearchDirection getDirection() {
        return direction;
    }

    public void setDirection(SearchDirection direction) {
        this.direction = direction;
    }
}
