package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A condition in the shape of metav1.Condition, so kubectl, Argo CD and kstatus read it as they read any other. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    @Required
    @Size(max = 316)
    @JsonPropertyDescription("Type of the condition in CamelCase: Ready, Progressing, Degraded, Validated, ...")
    private String type;

    @Required
    @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
    private ConditionStatus status;

    @Size(max = 1024)
    @JsonPropertyDescription("Machine-readable CamelCase reason for the last transition, e.g. ValidationFailed.")
    private String reason;

    @Size(max = 32768)
    @JsonPropertyDescription("Human-readable message: what happened and, for a failure, what to do about it.")
    private String message;

    @JsonPropertyDescription("When the status last changed (RFC 3339). Unchanged while the status stays the same.")
    private String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation of the object that this condition was computed from.")
    private Long observedGeneration;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public ConditionStatus getStatus() {
        return status;
    }

    public void setStatus(ConditionStatus status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
