package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** A replacement in progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {
    @JsonPropertyDescription("Version number of the canary.")
    private Long version;

    @JsonPropertyDescription("Name of the canary's ModelVersion.")
    private String modelVersion;

    @JsonPropertyDescription("Index of the current step in spec.canary.steps.")
    private Integer step;

    @JsonPropertyDescription("The current step's weight in percent, as spec.canary.steps asks; 0 at a shadow step.")
    private Integer weight;

    @JsonPropertyDescription("The current step's shadow share in percent (requests mirrored to the canary); absent at a weight step.")
    private Integer shadow;

    @JsonPropertyDescription("Percent of requests the canary really answered in the latest measured interval of this step, counted by the stable pods that route; absent until the step's first measurement.")
    private Integer servedWeight;

    @JsonPropertyDescription("Serving pods of the replacement in all: spec.replicas, or with autoscaling the stable version's replicas when the canary started (at least minReplicas), so a canary never shrinks an autoscaled service.")
    private Integer replicas;

    @JsonPropertyDescription("When the current step started (RFC 3339).")
    private String stepStartedAt;

    @JsonPropertyDescription("Failed measurements so far.")
    private Integer failures;

    @JsonPropertyDescription("The quality comparisons of the canary against stable, with analysis.quality.")
    private CanaryQualityJob quality;

    @Size(max = 10)
    @JsonPropertyDescription("The latest measurements, newest first (at most 10).")
    private List<AnalysisResult> analysis = new ArrayList<>();

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public Integer getStep() {
        return step;
    }

    public void setStep(Integer step) {
        this.step = step;
    }

    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    public Integer getShadow() {
        return shadow;
    }

    public void setShadow(Integer shadow) {
        this.shadow = shadow;
    }

    public Integer getServedWeight() {
        return servedWeight;
    }

    public void setServedWeight(Integer servedWeight) {
        this.servedWeight = servedWeight;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getStepStartedAt() {
        return stepStartedAt;
    }

    public void setStepStartedAt(String stepStartedAt) {
        this.stepStartedAt = stepStartedAt;
    }

    public Integer getFailures() {
        return failures;
    }

    public void setFailures(Integer failures) {
        this.failures = failures;
    }

    public List<AnalysisResult> getAnalysis() {
        return analysis;
    }

    public void setAnalysis(List<AnalysisResult> analysis) {
        this.analysis = analysis;
    }

    public CanaryQualityJob getQuality() {
        return quality;
    }

    public void setQuality(CanaryQualityJob quality) {
        this.quality = quality;
    }
}
