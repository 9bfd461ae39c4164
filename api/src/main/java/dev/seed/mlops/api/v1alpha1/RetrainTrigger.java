package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrainTrigger {
    @JsonPropertyDescription("The TrainingJob created.")
    private String trainingJob;

    @JsonPropertyDescription("When (RFC 3339).")
    private String time;

    @JsonPropertyDescription("The breach that triggered it: feature, metric and score.")
    private String reason;

    public String getTrainingJob() {
        return trainingJob;
    }

    public void setTrainingJob(String trainingJob) {
        this.trainingJob = trainingJob;
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
