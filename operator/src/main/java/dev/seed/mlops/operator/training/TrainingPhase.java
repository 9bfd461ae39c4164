package dev.seed.mlops.operator.training;

/** The phases of a TrainingJob; Succeeded and Failed are final and never left. */
public final class TrainingPhase {
    public static final String PENDING = "Pending";
    public static final String WAITING = "WaitingForData";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private TrainingPhase() {
    }

    public static boolean isFinal(String phase) {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }
}
