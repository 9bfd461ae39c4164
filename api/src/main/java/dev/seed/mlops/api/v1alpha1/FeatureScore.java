package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeatureScore {
    @JsonPropertyDescription("Feature name, or _prediction for the model's output.")
    private String feature;

    @JsonPropertyDescription("Drift score in the policy's metric.")
    private Double score;

    @JsonPropertyDescription("Whether the score exceeds the threshold.")
    private Boolean breached;

    public String getFeature() {
        return feature;
    }

    public void setFeature(String feature) {
        this.feature = feature;
    }

    public Double getScore() {
        return score;
    }

    public void setScore(Double score) {
        this.score = score;
    }

    public Boolean getBreached() {
        return breached;
    }

    public void setBreached(Boolean breached) {
        this.breached = breached;
    }
}
