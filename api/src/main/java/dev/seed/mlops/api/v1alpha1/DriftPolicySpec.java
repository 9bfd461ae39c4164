package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@ValidationRule(value = "self.action != 'Retrain' || has(self.retrain)", message = "action Retrain needs a retrain section with a TrainingJob template")
@ValidationRule(value = "!has(self.retrain) || self.action == 'Retrain'",
        message = "a retrain section needs action: Retrain (action defaults to AlertOnly, which never retrains); set action Retrain or remove retrain")
@ValidationRule(value = "self.metric == 'psi' || self.threshold <= 1.0",
        message = "ks and jensenShannon scores lie between 0 and 1: a threshold above 1 is never exceeded")
@ValidationRule(value = "!has(self.window) || has(self.window.duration) || self.minSamples <= (has(self.window.count) ? self.window.count : 10000)",
        message = "minSamples must not exceed window.count (10000 when unset): the window never holds more rows, so every evaluation would be Inconclusive")
@ValidationRule(value = "!has(self.retrain) || !has(self.retrain.schedule) || has(self.performance) || (has(self.retrain.template.evaluation) && has(self.retrain.template.evaluation.mustBeatServing))",
        message = "retrain.schedule needs a metric to compare the new version with the serving one on the same new test split: add a performance section or retrain.template.evaluation.mustBeatServing")
public class DriftPolicySpec {
    @Required
    @JsonPropertyDescription("The InferenceService to watch.")
    private LocalObjectRef targetRef;

    @Default("psi")
    @JsonPropertyDescription("Drift statistic: psi (population stability index), ks (Kolmogorov-Smirnov) or jensenShannon. Default: psi.")
    private DriftMetric metric = DriftMetric.psi;

    @Default("0.2")
    @ValidationRule(value = "self > 0.0", message = "threshold must be greater than 0")
    @JsonPropertyDescription("A feature (or the prediction) breaches when its score exceeds this; ks and jensenShannon scores lie between 0 and 1, so their threshold is at most 1. PSI 0.2 is a common 'significant shift'. Default: 0.2.")
    private Double threshold = 0.2;

    @Default("500")
    @Min(1)
    @JsonPropertyDescription("Fewest live rows in the window before scores count; below it the evaluation is Inconclusive. At most window.count (10000 when unset). Default: 500.")
    private Long minSamples = 500L;

    @Default("{}")
    @JsonPropertyDescription("The live window scores are computed over: the last count rows or the rows of the last duration. Default: {} (every field at its own default).")
    private DriftWindow window = new DriftWindow();

    @Default("1m")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "checkInterval" + ApiGroup.DURATION_HINT, messageExpression = "\"checkInterval" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "checkInterval must be longer than 0: a zero interval would evaluate drift in a busy loop")
    @JsonPropertyDescription("How often drift is evaluated; longer than 0. Default: 1m.")
    private String checkInterval = "1m";

    @Default("3")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Consecutive breaching evaluations needed before acting (hysteresis against noise). Default: 3.")
    private Integer consecutiveBreaches = 3;

    @Size(max = 256)
    @ValidationRule(value = "self.all(f, self.exists_one(g, g == f))", message = "features must not list a name twice")
    @JsonPropertyDescription("Only these features are scored (names of 1 to 128 characters, each once). Default: all of the model's features.")
    private List<@Size(min = 1, max = 128) String> features;

    @Default("AlertOnly")
    @JsonPropertyDescription("What a sustained breach does: Retrain (create a TrainingJob from retrain.template) or AlertOnly (status, event and metric only). Default: AlertOnly.")
    private DriftAction action = DriftAction.AlertOnly;

    @JsonPropertyDescription("How to retrain on a sustained breach; only with action Retrain (the default action AlertOnly never retrains, so a retrain section without action Retrain is refused).")
    private RetrainSpec retrain;

    @Default("{}")
    @JsonPropertyDescription("What happens to the versions that drift made obsolete. Default: {} (every field at its own default).")
    private RetireSpec retire = new RetireSpec();

    @JsonPropertyDescription("Where drift statistics are read. Default: the serving pods' drift endpoint.")
    private DriftProvider provider;

    @JsonPropertyDescription("Realised quality on ground truth: every interval a Job joins the service's prediction log with the labels that came back and computes the metric per version; a sustained breach of the serving version acts as a sustained drift does (action). Default: none (quality is not evaluated).")
    private QualityPolicy performance;

    public LocalObjectRef getTargetRef() {
        return targetRef;
    }

    public void setTargetRef(LocalObjectRef targetRef) {
        this.targetRef = targetRef;
    }

    public DriftMetric getMetric() {
        return metric;
    }

    public void setMetric(DriftMetric metric) {
        this.metric = metric;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public Long getMinSamples() {
        return minSamples;
    }

    public void setMinSamples(Long minSamples) {
        this.minSamples = minSamples;
    }

    public DriftWindow getWindow() {
        return window;
    }

    public void setWindow(DriftWindow window) {
        this.window = window;
    }

    public String getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(String checkInterval) {
        this.checkInterval = checkInterval;
    }

    public Integer getConsecutiveBreaches() {
        return consecutiveBreaches;
    }

    public void setConsecutiveBreaches(Integer consecutiveBreaches) {
        this.consecutiveBreaches = consecutiveBreaches;
    }

    public List<String> getFeatures() {
        return features;
    }

    public void setFeatures(List<String> features) {
        this.features = features;
    }

    public DriftAction getAction() {
        return action;
    }

    public void setAction(DriftAction action) {
        this.action = action;
    }

    public RetrainSpec getRetrain() {
        return retrain;
    }

    public void setRetrain(RetrainSpec retrain) {
        this.retrain = retrain;
    }

    public RetireSpec getRetire() {
        return retire;
    }

    public void setRetire(RetireSpec retire) {
        this.retire = retire;
    }

    public QualityPolicy getPerformance() {
        return performance;
    }

    public void setPerformance(QualityPolicy performance) {
        this.performance = performance;
    }

    public DriftProvider getProvider() {
        return provider;
    }

    public void setProvider(DriftProvider provider) {
        this.provider = provider;
    }
}
