package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** The drift of a batch's input against the model's training profile, as the inference server measures it online. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchDrift {
    @JsonPropertyDescription("The metric of the scores: psi (population stability index).")
    private String metric;

    @JsonPropertyDescription("The largest feature score.")
    private Double maxScore;

    @JsonPropertyDescription("The feature with the largest score.")
    private String maxFeature;

    @JsonPropertyDescription("The score of the predictions against the training predictions, when the profile has them.")
    private Double prediction;

    @JsonPropertyDescription("Score per feature tracked by the profile.")
    private Map<String, Double> features = new LinkedHashMap<>();

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public Double getMaxScore() {
        return maxScore;
    }

    public void setMaxScore(Double maxScore) {
        this.maxScore = maxScore;
    }

    public String getMaxFeature() {
        return maxFeature;
    }

    public void setMaxFeature(String maxFeature) {
        this.maxFeature = maxFeature;
    }

    public Double getPrediction() {
        return prediction;
    }

    public void setPrediction(Double prediction) {
        this.prediction = prediction;
    }

    public Map<String, Double> getFeatures() {
        return features;
    }

    public void setFeatures(Map<String, Double> features) {
        this.features = features;
    }
}
