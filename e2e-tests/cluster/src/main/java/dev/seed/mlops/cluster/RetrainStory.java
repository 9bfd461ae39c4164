package dev.seed.mlops.cluster;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import java.util.Optional;

/**
 * What became of a retrain (after drift, after a quality breach or on schedule), told from the DriftPolicy's status: a
 * retrain held back (cooldown, maxPerDay: the Ready condition says RetrainSuppressed and until when), or a retrain that
 * ended promoted, failed (the TrainingJob's failure, the gates' rejection, the deadline) or rolled back (the canary's
 * failing measurement), each naming what started it. The demo narrates
 * it and the cluster suite fails with it, instead of waiting for a promotion that will not come.
 */
public final class RetrainStory {
    private RetrainStory() {
    }

    /** How a retrain ended; {@code promoted} is the only ending that closes the loop. */
    public record Ending(boolean promoted, String sentence) {
    }

    /** The drift was detected but no retrain started: the reason from the Ready condition. */
    public static Optional<String> heldBack(DriftPolicy policy) {
        return ready(policy).filter(c -> "RetrainSuppressed".equals(c.getReason()))
                .map(c -> "drift was detected but the retrain was held back: " + c.getMessage());
    }

    /** The last retrain's ending, once it has one, naming what started it. */
    public static Optional<Ending> ending(DriftPolicy policy) {
        RetrainTrigger last = policy == null || policy.getStatus() == null ? null : policy.getStatus().getLastTriggered();
        if (last == null || last.getState() == null) {
            return Optional.empty();
        }
        Cause cause = Cause.of(last.getReason());
        String version = last.getVersion() == null ? "the retrained version" : "v" + last.getVersion();
        String reason = last.getReason() == null ? "" : " (" + last.getReason() + ")";
        String why = last.getMessage() == null ? "" : ": " + last.getMessage();
        return switch (last.getState()) {
            case Promoted -> Optional.of(new Ending(true, version + ", retrained on fresh data " + cause.after + reason + ", replaced "
                    + cause.replaced + why));
            case RolledBack -> Optional.of(new Ending(false, "canary analysis rolled " + version + " back; " + cause.replaced
                    + " keeps serving" + why));
            case Failed -> Optional.of(new Ending(false, "the retrain " + cause.after + " failed; " + cause.replaced + " keeps serving" + why));
            case Training, Replacing -> Optional.empty();
        };
    }

    /**
     * What started a retrain, read from its trigger's reason the way the operator writes it (RetrainCause): a quality
     * breach's reason begins {@code quality }, a scheduled one's {@code scheduled retrain}, anything else is drift.
     */
    private enum Cause {
        DRIFT("after drift", "the drifted version"),
        QUALITY("after a quality breach", "the version whose quality fell"),
        SCHEDULE("on schedule", "the version serving before");

        private final String after;
        private final String replaced;

        Cause(String after, String replaced) {
            this.after = after;
            this.replaced = replaced;
        }

        static Cause of(String reason) {
            if (reason == null) {
                return DRIFT;
            }
            return reason.startsWith("quality ") ? QUALITY : reason.startsWith("scheduled retrain") ? SCHEDULE : DRIFT;
        }
    }

    private static Optional<Condition> ready(DriftPolicy policy) {
        return policy == null || policy.getStatus() == null ? Optional.empty()
                : policy.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    /** The loop took another path than a promotion: thrown with the sentence that says which and why. */
    public static final class LoopEnded extends RuntimeException {
        public LoopEnded(String sentence) {
            super(sentence);
        }
    }
}
