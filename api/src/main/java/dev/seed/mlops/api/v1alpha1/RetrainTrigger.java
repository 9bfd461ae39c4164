package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrainTrigger {
    @JsonPropertyDescription("The TrainingJob created.")
    private String trainingJob;

    @JsonPropertyDescription("When (RFC 3339).")
    private String time;

    @JsonPropertyDescription("What triggered it: the drift breach (feature, metric and score), the quality breach (metric, value and labels) or the schedule.")
    private String reason;

    @JsonPropertyDescription("How far the retrain came: Training, Replacing, then Promoted, Failed or RolledBack (the last three are final).")
    private RetrainState state;

    @JsonPropertyDescription("The version the retrain registered, once its TrainingJob succeeded.")
    private Long version;

    @JsonPropertyDescription("When the retrain ended (RFC 3339).")
    private String endTime;

    @JsonPropertyDescription("Why it ended as it did: the TrainingJob's failure, the rejection, the rollback's measurement or the deadline.")
    private String message;

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

    public RetrainState getState() {
        return state;
    }

    public void setState(RetrainState state) {
        this.state = state;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getEndTime() {
        return endTime;
    }

    public void setEndTime(String endTime) {
        this.endTime = endTime;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
