package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One run of a BatchPrediction: what it scored with what, how far it got, and what it found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchRun {
    @JsonPropertyDescription("Name of the run: g<generation> for an unscheduled BatchPrediction, the due time in base-36 minutes for a scheduled one.")
    private String name;

    @JsonPropertyDescription("Name of the run's Indexed Job.")
    private String jobName;

    @JsonPropertyDescription("Running, Succeeded or Failed.")
    private String phase;

    @JsonPropertyDescription("The ModelVersion the run scores with, resolved once when it started.")
    private String modelVersion;

    @JsonPropertyDescription("The model artifact of that version.")
    private String artifactUri;

    @JsonPropertyDescription("What the run reads: the snapshot's split files or the input file.")
    private String inputUri;

    @JsonPropertyDescription("Where the run writes: part-<shard>.csv per shard, and manifest.json once every shard succeeded.")
    private String outputUri;

    @JsonPropertyDescription("When the run started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the run finished, successfully or not (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Seconds from start to completion.")
    private Double durationSeconds;

    @JsonPropertyDescription("Input rows read by the succeeded shards.")
    private Long rowsIn;

    @JsonPropertyDescription("Prediction rows written by the succeeded shards.")
    private Long rowsOut;

    @JsonPropertyDescription("rowsOut over durationSeconds, for the whole run (all shards, scheduling included).")
    private Double rowsPerSecond;

    @JsonPropertyDescription("Each shard's progress: its phase, its rows once it succeeded, and its failed attempts (each counted once).")
    private List<ShardProgress> shards = new ArrayList<>();

    @JsonPropertyDescription("Drift of the run's input and predictions against the model's training profile, pooled over all shards.")
    private BatchDrift drift;

    @JsonPropertyDescription("Why the run ended as it did, or what it waits for.")
    private String message;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String getArtifactUri() {
        return artifactUri;
    }

    public void setArtifactUri(String artifactUri) {
        this.artifactUri = artifactUri;
    }

    public String getInputUri() {
        return inputUri;
    }

    public void setInputUri(String inputUri) {
        this.inputUri = inputUri;
    }

    public String getOutputUri() {
        return outputUri;
    }

    public void setOutputUri(String outputUri) {
        this.outputUri = outputUri;
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

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public Long getRowsIn() {
        return rowsIn;
    }

    public void setRowsIn(Long rowsIn) {
        this.rowsIn = rowsIn;
    }

    public Long getRowsOut() {
        return rowsOut;
    }

    public void setRowsOut(Long rowsOut) {
        this.rowsOut = rowsOut;
    }

    public Double getRowsPerSecond() {
        return rowsPerSecond;
    }

    public void setRowsPerSecond(Double rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    public List<ShardProgress> getShards() {
        return shards;
    }

    public void setShards(List<ShardProgress> shards) {
        this.shards = shards;
    }

    public BatchDrift getDrift() {
        return drift;
    }

    public void setDrift(BatchDrift drift) {
        this.drift = drift;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
