package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One shard of a batch run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShardProgress {
    @JsonPropertyDescription("The shard's index (the Job's completion index).")
    private Integer index;

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed (out of retries).")
    private String phase;

    @JsonPropertyDescription("Rows the shard scored, once it succeeded.")
    private Long rows;

    @JsonPropertyDescription("Failed attempts of this shard so far; each failed pod counted once.")
    private Integer failedAttempts;

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public Integer getFailedAttempts() {
        return failedAttempts;
    }

    public void setFailedAttempts(Integer failedAttempts) {
        this.failedAttempts = failedAttempts;
    }
}
