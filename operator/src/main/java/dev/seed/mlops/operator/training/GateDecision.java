package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.ModelStage;

/** The stage evaluation gives a new model version, and why. */
public record GateDecision(ModelStage stage, String reason) {
    public boolean validated() {
        return stage == ModelStage.Validated;
    }
}
