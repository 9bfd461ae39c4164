package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelVersionStatus extends MlopsStatus {
    @JsonPropertyDescription("Candidate, Validated, Rejected, Canary, Production or Retired.")
    private ModelStage stage;

    @JsonPropertyDescription("Why the version is in its stage, e.g. the failed gate or the drift that retired it.")
    private String reason;

    @Size(max = 20)
    @JsonPropertyDescription("Stage transitions, oldest first (at most 20).")
    private List<StageTransition> transitions = new ArrayList<>();

    @Size(max = 64)
    @JsonPropertyDescription("InferenceServices that serve this version now; while any does, a finalizer protects it from deletion.")
    private List<String> servedBy = new ArrayList<>();

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

    public List<StageTransition> getTransitions() {
        return transitions;
    }

    public void setTransitions(List<StageTransition> transitions) {
        this.transitions = transitions;
    }

    public List<String> getServedBy() {
        return servedBy;
    }

    public void setServedBy(List<String> servedBy) {
        this.servedBy = servedBy;
    }
}
