package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A DriftPolicy's performance section: the realised quality of the serving version on joined ground truth. */
@ValidationRule(value = "self.metric in " + Metric.CEL_ERRORS + " || (has(self.minimum) && !has(self.maximum))",
        message = "auc, accuracy, precision, recall, f1 and r2 are better when higher: set minimum (the lowest acceptable value), not maximum",
        messageExpression = "'metric ' + self.metric + ' is better when higher: set minimum (the lowest acceptable value), not maximum'")
@ValidationRule(value = "!(self.metric in " + Metric.CEL_ERRORS + ") || (has(self.maximum) && !has(self.minimum))",
        message = "logLoss, rmse, mae and calibrationError are better when lower: set maximum (the highest acceptable value), not minimum",
        messageExpression = "'metric ' + self.metric + ' is better when lower: set maximum (the highest acceptable value), not minimum'")
@ValidationRule(value = "!(self.metric in " + Metric.CEL_SCORES_UP_TO_ONE + ") || !has(self.minimum) || self.minimum <= 1.0",
        message = "auc, accuracy, precision, recall, f1 and r2 are at most 1: a minimum above 1 is always breached (write 0.75 for 75%)")
public class QualityPolicy {
    @Required
    @JsonPropertyDescription("The metric the trainer reports at training time, computed by the same code on live predictions joined with their labels: auc, accuracy, precision, recall, f1, logLoss, calibrationError (classifiers), rmse, mae, r2 (regressors).")
    private Metric metric;

    @JsonPropertyDescription("Lowest acceptable value, for metrics better when higher (auc, accuracy, precision, recall, f1, r2); below it an evaluation breaches. Default: none (set it or maximum, as the metric needs).")
    private Double minimum;

    @Min(0)
    @JsonPropertyDescription("Highest acceptable value, for metrics better when lower (logLoss, rmse, mae, calibrationError); above it an evaluation breaches. Default: none (set it or minimum, as the metric needs).")
    private Double maximum;

    @Default("500")
    @Min(1)
    @JsonPropertyDescription("Fewest labelled predictions of the serving version in the window before its quality counts; with fewer the evaluation is Inconclusive (too few labels is not a breach). Default: 500.")
    private Long minLabels = 500L;

    @Default("1h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "every" + ApiGroup.DURATION_HINT, messageExpression = "\"every" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.AT_LEAST_A_MINUTE_RULE, message = "every must be at least 1m: each evaluation is a Job",
            messageExpression = "'every must be at least 1m: each evaluation is a Job, not ' + self")
    @JsonPropertyDescription("How often a quality Job evaluates the window; at least 1m. Default: 1h.")
    private String every = "1h";

    @Default("24h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "window" + ApiGroup.DURATION_HINT, messageExpression = "\"window" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "window must be longer than 0: an empty window holds no predictions")
    @JsonPropertyDescription("The predictions evaluated: those made in this time before the evaluation (their labels may arrive later and count at the next evaluations). Default: 24h.")
    private String window = "24h";

    @Default("2")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Consecutive breaching evaluations before acting; an Inconclusive one neither counts nor resets. Default: 2.")
    private Integer consecutiveBreaches = 2;

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

    public String getWindow() {
        return window;
    }

    public void setWindow(String window) {
        this.window = window;
    }

    public Integer getConsecutiveBreaches() {
        return consecutiveBreaches;
    }

    public void setConsecutiveBreaches(Integer consecutiveBreaches) {
        this.consecutiveBreaches = consecutiveBreaches;
    }
}
