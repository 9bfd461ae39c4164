package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A ModelVersion's drift baseline: the profile serving pods and DriftPolicies compare live traffic with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BaselineStatus {
    @JsonPropertyDescription("Training (the training profile in the artifact), Waiting, Profiling, Ready (computed from spec.baseline.dataset), Failed, or None (a version registered by hand without spec.baseline). Unset until the operator first sees the version.")
    private BaselinePhase phase;

    @JsonPropertyDescription("The directory whose profile.json is the baseline: the artifact's for a trained version, the one the baseline Job published otherwise. Unset until there is one.")
    private String uri;

    @JsonPropertyDescription("The Dataset the baseline was (or is being) computed from. Unset for phase None.")
    private String dataset;

    @JsonPropertyDescription("The snapshot digest (sha256:<hex>) profiled. Unset until a snapshot is chosen.")
    private String snapshot;

    @JsonPropertyDescription("The baseline Job. Unset for a trained version and before the Job starts.")
    private String job;

    @JsonPropertyDescription("Rows the baseline was profiled on. Unset until it is Ready.")
    private Long rows;

    @JsonPropertyDescription("What the phase means for drift, or why the baseline failed (the Job's message). Unset when there is nothing to add.")
    private String message;

    public BaselinePhase getPhase() {
        return phase;
    }

    public void setPhase(BaselinePhase phase) {
        this.phase = phase;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
