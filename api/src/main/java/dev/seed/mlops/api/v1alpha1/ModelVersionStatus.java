package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelVersionStatus extends MlopsStatus {
    @JsonPropertyDescription("A summary for humans: Production (some InferenceService serves it as stable), Canary (one canaries it), Retired (it served as stable and nothing serves it now), else its approval: Validated, Rejected, or Candidate while there is none. Candidate until the operator first sees the version.")
    private ModelStage stage;

    @JsonPropertyDescription("Why the version is in its stage, e.g. the services that serve it, the failed gate or the promotion that retired it. Unset until the operator first sees the version.")
    private String reason;

    @JsonPropertyDescription("The gate decision, recorded once and never changed by serving. Unset for a version registered by hand without one: it is served only where pinned.")
    private Approval approval;

    @Size(max = 20)
    @JsonPropertyDescription("Stage transitions, oldest first (at most 20). Empty until the first stage.")
    private List<StageTransition> transitions = new ArrayList<>();

    @Size(max = 64)
    @JsonPropertyDescription("InferenceServices that serve this version now, as stable or canary; while any does, a finalizer protects it from deletion. Empty when none does.")
    private List<String> servedBy = new ArrayList<>();

    @Size(max = 64)
    @JsonPropertyDescription("InferenceServices that rolled this version back, oldest first (at most 64). Each of them skips it unless pinned, also when re-created; other services may still serve it. Empty when none did.")
    private List<ServiceRollback> rolledBackOn = new ArrayList<>();

    @JsonPropertyDescription("When an InferenceService first served this version as its stable version (RFC 3339); a version that did and that nothing serves any more is Retired. Unset until then.")
    private String firstProductionTime;

    @JsonPropertyDescription("The drift baseline: the training profile, or one computed from spec.baseline.dataset, or None. Unset until the operator first sees the version.")
    private BaselineStatus baseline;

    public BaselineStatus getBaseline() {
        return baseline;
    }

    public void setBaseline(BaselineStatus baseline) {
        this.baseline = baseline;
    }

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

    public Approval getApproval() {
        return approval;
    }

    public void setApproval(Approval approval) {
        this.approval = approval;
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

    public List<ServiceRollback> getRolledBackOn() {
        return rolledBackOn;
    }

    public void setRolledBackOn(List<ServiceRollback> rolledBackOn) {
        this.rolledBackOn = rolledBackOn;
    }

    public String getFirstProductionTime() {
        return firstProductionTime;
    }

    public void setFirstProductionTime(String firstProductionTime) {
        this.firstProductionTime = firstProductionTime;
    }
}
