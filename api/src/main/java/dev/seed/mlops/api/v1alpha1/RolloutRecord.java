package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRecord {
    @JsonPropertyDescription("The version that was rolled out.")
    private Long version;

    @JsonPropertyDescription("Promoted or RolledBack.")
    private String outcome;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Why, e.g. the failing measurement of a rollback.")
    private String reason;

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
