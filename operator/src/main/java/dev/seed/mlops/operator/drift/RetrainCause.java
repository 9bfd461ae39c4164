package dev.seed.mlops.operator.drift;

/**
 * What started a retrain, read back from its trigger's reason: each of a DriftPolicy's triggers begins its reason with
 * its kind, so the version it made can say why it was trained (a promotion's record, the replaced version's reason).
 */
public final class RetrainCause {
    /** How the reason of a quality breach begins: {@code quality auc 0.5123 of v1 below the minimum ...}. */
    static final String QUALITY = "quality ";
    /** How the reason of a scheduled retrain begins. */
    static final String SCHEDULE = "scheduled retrain";

    private RetrainCause() {
    }

    /** {@code retrained after drift: <reason>}, {@code retrained after a quality breach: ...} or {@code retrained on schedule: ...}. */
    public static String retrainedAfter(String reason) {
        if (reason.startsWith(QUALITY)) {
            return "retrained after a quality breach: " + reason;
        }
        return reason.startsWith(SCHEDULE) ? "retrained on schedule: " + reason : "retrained after drift: " + reason;
    }
}
