package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingJobStatus extends MlopsStatus {
    @JsonPropertyDescription("Pending, WaitingForData, Running, Succeeded or Failed. Failed is final.")
    private String phase;

    @JsonPropertyDescription("Name of the batch/v1 Job that trains the model: with workers, the Job of the current attempt (<name>-train, then <name>-train-r2, ...).")
    private String jobName;

    @JsonPropertyDescription("The version number this run registers its model under, reserved when training starts.")
    private Long version;

    @JsonPropertyDescription("The Dataset snapshot digest the model was trained on (lineage).")
    private String datasetSnapshot;

    @JsonPropertyDescription("When training started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When training finished, successfully or not (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Failed training pods so far, counted once per pod (with workers: failed attempts of the group, counted once however many of its workers failed); never reset when the Job is garbage-collected.")
    private Integer failedAttempts;

    @JsonPropertyDescription("Test-split metrics of the trained model, and champion.<metric> for the serving model when mustBeatServing is set.")
    private Map<String, Double> metrics = new LinkedHashMap<>();

    @JsonPropertyDescription("Name of the ModelVersion this run registered.")
    private String modelVersion;

    @JsonPropertyDescription("Why training or evaluation ended as it did.")
    private String message;

    @JsonPropertyDescription("The search's trials and the best so far, when spec.search is set.")
    private SearchStatus search;

    public SearchStatus getSearch() {
        return search;
    }

    public void setSearch(SearchStatus search) {
        this.search = search;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getDatasetSnapshot() {
        return datasetSnapshot;
    }

    public void setDatasetSnapshot(String datasetSnapshot) {
        this.datasetSnapshot = datasetSnapshot;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public Integer getFailedAttempts() {
        return failedAttempts;
    }

    public void setFailedAttempts(Integer failedAttempts) {
        this.failedAttempts = failedAttempts;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
