package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageTransition {
    @JsonPropertyDescription("The stage entered.")
    private ModelStage stage;

    @JsonPropertyDescription("Why the version entered it.")
    private String reason;

    @JsonPropertyDescription("When (RFC 3339).")
    private String time;

    public ModelStage getStage() {
        return stage;
    }

    public void setStage(ModelStage stage) {
        this.stage = stage;
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
