package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchPredictionStatus extends MlopsStatus {
    @JsonPropertyDescription("Pending (waiting for the model or the input), Running, Succeeded or Failed (the latest run's outcome), or Scheduled (a scheduled BatchPrediction waiting for its first run).")
    private String phase;

    @JsonPropertyDescription("The latest run: started, running or finished.")
    private BatchRun lastRun;

    @JsonPropertyDescription("Where the latest succeeded run published its predictions (the directory holding manifest.json).")
    private String lastSuccessfulOutputUri;

    @JsonPropertyDescription("Scheduled: the time the latest run was due (RFC 3339).")
    private String lastScheduleTime;

    @JsonPropertyDescription("Scheduled: when the next run is due (RFC 3339).")
    private String nextScheduleTime;

    @JsonPropertyDescription("Runs that succeeded, counted once each.")
    private Long succeededRuns;

    @JsonPropertyDescription("Runs that failed, counted once each.")
    private Long failedRuns;

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public BatchRun getLastRun() {
        return lastRun;
    }

    public void setLastRun(BatchRun lastRun) {
        this.lastRun = lastRun;
    }

    public String getLastSuccessfulOutputUri() {
        return lastSuccessfulOutputUri;
    }

    public void setLastSuccessfulOutputUri(String lastSuccessfulOutputUri) {
        this.lastSuccessfulOutputUri = lastSuccessfulOutputUri;
    }

    public String getLastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(String lastScheduleTime) {
        this.lastScheduleTime = lastScheduleTime;
    }

    public String getNextScheduleTime() {
        return nextScheduleTime;
    }

    public void setNextScheduleTime(String nextScheduleTime) {
        this.nextScheduleTime = nextScheduleTime;
    }

    public Long getSucceededRuns() {
        return succeededRuns;
    }

    public void setSucceededRuns(Long succeededRuns) {
        this.succeededRuns = succeededRuns;
    }

    public Long getFailedRuns() {
        return failedRuns;
    }

    public void setFailedRuns(Long failedRuns) {
        this.failedRuns = failedRuns;
    }
}
