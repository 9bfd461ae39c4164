package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetStatus extends MlopsStatus {
    @JsonPropertyDescription("Preparing, Ready or Failed; for humans. Conditions are the contract. Unset until the first reconcile.")
    private String phase;

    @JsonPropertyDescription("The newest snapshot that passed validation; TrainingJobs use it unless they pin a digest.")
    private DatasetSnapshot latestSnapshot;

    @Size(max = 10)
    @JsonPropertyDescription("Recent snapshots, newest first (at most 10).")
    private List<DatasetSnapshot> snapshots = new ArrayList<>();

    @JsonPropertyDescription("Outcome of the last validation run.")
    private ValidationSummary validation;

    @JsonPropertyDescription("Name of the prepare Job currently running or last run.")
    private String prepareJob;

    @JsonPropertyDescription("The metadata.generation of the spec that the latest prepare Job ran for.")
    private Long preparedGeneration;

    @JsonPropertyDescription("When the source was last prepared (RFC 3339); the next refresh is due refreshInterval after it.")
    private String lastPreparedAt;

    @JsonPropertyDescription("When the prepare Job named by prepareJob was started (RFC 3339). Unset before the first prepare.")
    private String prepareStartedAt;

    @JsonPropertyDescription("The refresh request (the mlops.seed.dev/refresh-requested-at annotation, RFC 3339) that the prepare named by prepareJob answers: the newest one made before it started. Unset when it answers none.")
    private String prepareRefreshRequest;

    @JsonPropertyDescription("How the prepare named by prepareJob went: Running, Succeeded or Failed. A TrainingJob waiting for fresh data fails when the prepare answering its request failed. Unset before the first prepare.")
    private PrepareOutcome prepareOutcome;

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public DatasetSnapshot getLatestSnapshot() {
        return latestSnapshot;
    }

    public void setLatestSnapshot(DatasetSnapshot latestSnapshot) {
        this.latestSnapshot = latestSnapshot;
    }

    public List<DatasetSnapshot> getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(List<DatasetSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    public ValidationSummary getValidation() {
        return validation;
    }

    public void setValidation(ValidationSummary validation) {
        this.validation = validation;
    }

    public String getPrepareJob() {
        return prepareJob;
    }

    public void setPrepareJob(String prepareJob) {
        this.prepareJob = prepareJob;
    }

    public Long getPreparedGeneration() {
        return preparedGeneration;
    }

    public void setPreparedGeneration(Long preparedGeneration) {
        this.preparedGeneration = preparedGeneration;
    }

    public String getLastPreparedAt() {
        return lastPreparedAt;
    }

    public void setLastPreparedAt(String lastPreparedAt) {
        this.lastPreparedAt = lastPreparedAt;
    }

    public String getPrepareStartedAt() {
        return prepareStartedAt;
    }

    public void setPrepareStartedAt(String prepareStartedAt) {
        this.prepareStartedAt = prepareStartedAt;
    }

    public String getPrepareRefreshRequest() {
        return prepareRefreshRequest;
    }

    public void setPrepareRefreshRequest(String prepareRefreshRequest) {
        this.prepareRefreshRequest = prepareRefreshRequest;
    }

    public PrepareOutcome getPrepareOutcome() {
        return prepareOutcome;
    }

    public void setPrepareOutcome(PrepareOutcome prepareOutcome) {
        this.prepareOutcome = prepareOutcome;
    }
}
