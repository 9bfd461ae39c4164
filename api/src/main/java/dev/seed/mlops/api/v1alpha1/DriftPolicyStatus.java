package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftPolicyStatus extends MlopsStatus {
    @JsonPropertyDescription("Healthy, Drifting, Retraining, Replacing or Degraded.")
    private String phase;

    @JsonPropertyDescription("The model version the scores were measured on.")
    private Long servingVersion;

    @Size(max = 257)
    @JsonPropertyDescription("Latest score per feature, and for the prediction (feature name _prediction).")
    private List<FeatureScore> scores = new ArrayList<>();

    @JsonPropertyDescription("Highest score in the latest evaluation.")
    private Double maxScore;

    @JsonPropertyDescription("Live samples the latest evaluation rests on: the rows of every serving pod's window, pooled.")
    private Long samples;

    @JsonPropertyDescription("Breaching evaluations in a row so far.")
    private Integer consecutiveBreaches;

    @JsonPropertyDescription("When drift was last evaluated (RFC 3339).")
    private String lastEvaluated;

    @JsonPropertyDescription("When the next evaluation is due (RFC 3339); its reading is asked for then.")
    private String nextEvaluation;

    @JsonPropertyDescription("The last retrain this policy triggered.")
    private RetrainTrigger lastTriggered;

    @Size(max = 24)
    @JsonPropertyDescription("Times of the retrains triggered in the last 24 hours (for maxPerDay).")
    private List<String> recentTriggers = new ArrayList<>();

    @JsonPropertyDescription("Realised quality on ground truth, when spec.performance is set.")
    private QualityStatus quality;

    @JsonPropertyDescription("When the next scheduled retrain is due (RFC 3339), when retrain.schedule is set.")
    private String nextScheduledRetrain;

    public QualityStatus getQuality() {
        return quality;
    }

    public void setQuality(QualityStatus quality) {
        this.quality = quality;
    }

    public String getNextScheduledRetrain() {
        return nextScheduledRetrain;
    }

    public void setNextScheduledRetrain(String nextScheduledRetrain) {
        this.nextScheduledRetrain = nextScheduledRetrain;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Long getServingVersion() {
        return servingVersion;
    }

    public void setServingVersion(Long servingVersion) {
        this.servingVersion = servingVersion;
    }

    public List<FeatureScore> getScores() {
        return scores;
    }

    public void setScores(List<FeatureScore> scores) {
        this.scores = scores;
    }

    public Double getMaxScore() {
        return maxScore;
    }

    public void setMaxScore(Double maxScore) {
        this.maxScore = maxScore;
    }

    public Long getSamples() {
        return samples;
    }

    public void setSamples(Long samples) {
        this.samples = samples;
    }

    public Integer getConsecutiveBreaches() {
        return consecutiveBreaches;
    }

    public void setConsecutiveBreaches(Integer consecutiveBreaches) {
        this.consecutiveBreaches = consecutiveBreaches;
    }

    public String getLastEvaluated() {
        return lastEvaluated;
    }

    public void setLastEvaluated(String lastEvaluated) {
        this.lastEvaluated = lastEvaluated;
    }

    public String getNextEvaluation() {
        return nextEvaluation;
    }

    public void setNextEvaluation(String nextEvaluation) {
        this.nextEvaluation = nextEvaluation;
    }

    public RetrainTrigger getLastTriggered() {
        return lastTriggered;
    }

    public void setLastTriggered(RetrainTrigger lastTriggered) {
        this.lastTriggered = lastTriggered;
    }

    public List<String> getRecentTriggers() {
        return recentTriggers;
    }

    public void setRecentTriggers(List<String> recentTriggers) {
        this.recentTriggers = recentTriggers;
    }
}
