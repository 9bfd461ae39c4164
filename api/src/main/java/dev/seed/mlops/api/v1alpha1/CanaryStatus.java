package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Everything the canary needs to resume after an operator restart lives here, not in memory. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {
    @JsonPropertyDescription("Version number of the canary.")
    private Long version;

    @JsonPropertyDescription("Name of the canary's ModelVersion.")
    private String modelVersion;

    @JsonPropertyDescription("Index of the current step in spec.canary.steps.")
    private Integer step;

    @JsonPropertyDescription("Current weight in percent.")
    private Integer weight;

    @JsonPropertyDescription("When the current step started (RFC 3339).")
    private String stepStartedAt;

    @JsonPropertyDescription("Failed measurements so far.")
    private Integer failures;

    @JsonPropertyDescription("Requests the canary's pods had answered in all at the last measurement (the next one counts from here).")
    private Long requestsSoFar;

    @JsonPropertyDescription("Failed (5xx) requests of the canary's pods in all at the last measurement.")
    private Long errorsSoFar;

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

    public Long getRequestsSoFar() {
        return requestsSoFar;
    }

    public void setRequestsSoFar(Long requestsSoFar) {
        this.requestsSoFar = requestsSoFar;
    }

    public Long getErrorsSoFar() {
        return errorsSoFar;
    }

    public void setErrorsSoFar(Long errorsSoFar) {
        this.errorsSoFar = errorsSoFar;
    }

    public List<AnalysisResult> getAnalysis() {
        return analysis;
    }

    public void setAnalysis(List<AnalysisResult> analysis) {
        this.analysis = analysis;
    }
}
