package dev.seed.mlops.operator.drift;

/** The phases of a DriftPolicy, for humans and the printer column; conditions are the contract. */
public final class DriftPhase {
    public static final String HEALTHY = "Healthy";
    public static final String DRIFTING = "Drifting";
    public static final String RETRAINING = "Retraining";
    public static final String REPLACING = "Replacing";
    public static final String DEGRADED = "Degraded";

    private DriftPhase() {
    }
}
