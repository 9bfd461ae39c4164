package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The gate decision on a ModelVersion, recorded once; serving never changes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Approval {
    @JsonPropertyDescription("Validated (any InferenceService of the model may pick it) or Rejected (served only where pinned). Set once from the mlops.seed.dev/gate-decision annotation and never changed; unset while there is none.")
    private ApprovalDecision decision;

    @JsonPropertyDescription("Why, e.g. the gates that passed or the one that failed. Unset while there is no decision.")
    private String reason;

    @JsonPropertyDescription("When the decision was recorded (RFC 3339). Unset while there is no decision.")
    private String time;

    public ApprovalDecision getDecision() {
        return decision;
    }

    public void setDecision(ApprovalDecision decision) {
        this.decision = decision;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }
}
