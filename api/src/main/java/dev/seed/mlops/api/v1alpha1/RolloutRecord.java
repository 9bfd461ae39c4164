package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRecord {
    @JsonPropertyDescription("The version that was rolled out.")
    private Long version;

    @JsonPropertyDescription("Promoted, RolledBack, or Superseded (the target moved while the canary ran: a newer version, a pin or an unpin).")
    private String outcome;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Why, e.g. the failing measurement of a rollback.")
    private String reason;

    @JsonPropertyDescription("The canary's last measurement: for a promotion, the pass at the last step that promoted it.")
    private AnalysisResult lastAnalysis;

    public AnalysisResult getLastAnalysis() {
        return lastAnalysis;
    }

    public void setLastAnalysis(AnalysisResult lastAnalysis) {
        this.lastAnalysis = lastAnalysis;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
