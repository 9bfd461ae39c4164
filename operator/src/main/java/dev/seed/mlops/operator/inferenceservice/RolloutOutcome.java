package dev.seed.mlops.operator.inferenceservice;

/** Outcomes of a replacement, as written in InferenceService status.history and the rollout metric. */
public final class RolloutOutcome {
    public static final String PROMOTED = "Promoted";
    public static final String ROLLED_BACK = "RolledBack";
    /** The target moved while the canary ran (a new version, a pin, an unpin): ended without a verdict. */
    public static final String SUPERSEDED = "Superseded";

    private RolloutOutcome() {
    }
}
