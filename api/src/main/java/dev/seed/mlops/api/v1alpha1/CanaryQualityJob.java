package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the canary's quality comparisons stand (only with analysis.quality). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryQualityJob {
    @JsonPropertyDescription("Start of every comparison's window (RFC 3339): when the canary started, or when analysis.quality was added to a running canary.")
    private String since;

    @JsonPropertyDescription("The quality Job running now, if one is.")
    private String job;

    @JsonPropertyDescription("The end of the running Job's window (RFC 3339).")
    private String until;

    @JsonPropertyDescription("When the next quality Job starts (RFC 3339).")
    private String nextEvaluation;

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getUntil() {
        return until;
    }

    public void setUntil(String until) {
        this.until = until;
    }

    public String getNextEvaluation() {
        return nextEvaluation;
    }

    public void setNextEvaluation(String nextEvaluation) {
        this.nextEvaluation = nextEvaluation;
    }
}
