package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Where a DriftPolicy's quality evaluations stand. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QualityStatus {
    @JsonPropertyDescription("The quality Job running now, if one is.")
    private String job;

    @JsonPropertyDescription("The end of the running Job's window (RFC 3339).")
    private String jobWindowEnd;

    @JsonPropertyDescription("When the last evaluation's result was read (RFC 3339).")
    private String lastEvaluated;

    @JsonPropertyDescription("When the next quality Job starts (RFC 3339).")
    private String nextEvaluation;

    @JsonPropertyDescription("Breaching evaluations of the serving version in a row so far.")
    private Integer consecutiveBreaches;

    @JsonPropertyDescription("The last evaluation in words: each version's value and counts, or why there was none.")
    private String message;

    @Size(max = 48)
    @JsonPropertyDescription("Quality per version over time, oldest first; the 48 latest readings are kept.")
    private List<QualityReading> history = new ArrayList<>();

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getJobWindowEnd() {
        return jobWindowEnd;
    }

    public void setJobWindowEnd(String jobWindowEnd) {
        this.jobWindowEnd = jobWindowEnd;
    }

    public String getLastEvaluated() {
        return lastEvaluated;
    }

    public void setLastEvaluated(String lastEvaluated) {
        this.lastEvaluated = lastEvaluated;
    }

    public String getNextEvaluation() {
        return nextEvaluation;
    }

    public void setNextEvaluation(String nextEvaluation) {
        this.nextEvaluation = nextEvaluation;
    }

    public Integer getConsecutiveBreaches() {
        return consecutiveBreaches;
    }

    public void setConsecutiveBreaches(Integer consecutiveBreaches) {
        this.consecutiveBreaches = consecutiveBreaches;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<QualityReading> getHistory() {
        return history;
    }

    public void setHistory(List<QualityReading> history) {
        this.history = history;
    }
}
