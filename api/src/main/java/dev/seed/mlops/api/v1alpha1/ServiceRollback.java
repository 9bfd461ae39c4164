package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One InferenceService that rolled a ModelVersion back; that service does not pick the version again unless pinned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceRollback {
    @JsonPropertyDescription("Name of the InferenceService that rolled the version back. Always set.")
    private String inferenceService;

    @JsonPropertyDescription("Why, e.g. the failing measurement. Empty when the InferenceService gave none.")
    private String reason;

    @JsonPropertyDescription("When it was rolled back (RFC 3339). Always set.")
    private String time;

    public String getInferenceService() {
        return inferenceService;
    }

    public void setInferenceService(String inferenceService) {
        this.inferenceService = inferenceService;
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
