package dev.seed.mlops.operator.common;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.MlopsStatus;
import java.time.Instant;
import java.util.Optional;

/** The one place that sets conditions: lastTransitionTime moves only when the status flips. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String VALIDATED = "Validated";

    private Conditions() {
    }

    public static void set(MlopsStatus status, String type, ConditionStatus value, String reason, String message,
            long generation, Instant now) {
        Condition condition = find(status, type).orElseGet(() -> {
            Condition added = new Condition();
            added.setType(type);
            status.getConditions().add(added);
            return added;
        });
        if (condition.getStatus() != value) {
            condition.setLastTransitionTime(Timestamps.format(now));
        }
        condition.setStatus(value);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setObservedGeneration(generation);
    }

    public static Optional<Condition> find(MlopsStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(MlopsStatus status, String type) {
        return find(status, type).map(c -> c.getStatus() == ConditionStatus.True).orElse(false);
    }
}
