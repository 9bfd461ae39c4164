package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Champion/challenger on live labels: the canary's realised quality against the stable version's, both scored over the
 * same window by the quality Job (evaluate-quality) on the service's prediction log and labels.
 */
// A static message: a messageExpression here exceeds the InferenceService schema's CEL cost budget (the API server says so).
@ValidationRule(value = "self.metric in " + Metric.CEL_ERRORS + " || self.maxDegradation < 1.0",
        message = "maxDegradation must be below 1 for auc, accuracy, precision, recall, f1 and r2 (scores): a relative loss of 1 (100%) or more can never fail; write 0.05 for 5%")
public class CanaryQualityGate {
    @Required
    @JsonPropertyDescription("The metric compared, computed by the training code on each version's labelled predictions: auc, accuracy, precision, recall, f1, logLoss, calibrationError (classifiers), rmse, mae, r2 (regressors). Required.")
    private Metric metric;

    @Default("0.05")
    @Min(0)
    @JsonPropertyDescription("Largest relative loss of the canary against stable over the same window: for scores (better when higher) the canary fails when (stable - canary) / |stable| exceeds it, for errors (better when lower) when (canary - stable) / |stable| does; 0 means the canary must be at least as good. Below 1 for scores. Default: 0.05.")
    private Double maxDegradation = 0.05;

    @Default("200")
    @Min(1)
    @JsonPropertyDescription("Fewest labelled predictions each version (canary and stable) needs in the window for the comparison to count; with fewer it is Inconclusive, never a pass, and the canary is not promoted. Default: 200.")
    private Long minLabels = 200L;

    @Default("5m")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "every" + ApiGroup.DURATION_HINT, messageExpression = "\"every" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.AT_LEAST_A_MINUTE_RULE, message = "every must be at least 1m: each comparison is a Job",
            messageExpression = "'every must be at least 1m: each comparison is a Job, not ' + self")
    @JsonPropertyDescription("How often a quality Job compares the two versions while the canary runs, each over the window from the canary's start to then; at least 1m. Default: 5m.")
    private String every = "5m";

    public Metric getMetric() {
        return metric;
    }

    public void setMetric(Metric metric) {
        this.metric = metric;
    }

    public Double getMaxDegradation() {
        return maxDegradation;
    }

    public void setMaxDegradation(Double maxDegradation) {
        this.maxDegradation = maxDegradation;
    }

    public Long getMinLabels() {
        return minLabels;
    }

    public void setMinLabels(Long minLabels) {
        this.minLabels = minLabels;
    }

    public String getEvery() {
        return every;
    }

    public void setEvery(String every) {
        this.every = every;
    }
}
