package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** An event a planner decided to record; the reconciler records it after acting, through {@link EventRecorder}. */
public record PlannedEvent(boolean warning, EventReason reason, String message) {

    public static PlannedEvent normal(EventReason reason, String message) {
        return new PlannedEvent(false, reason, message);
    }

    public static PlannedEvent warning(EventReason reason, String message) {
        return new PlannedEvent(true, reason, message);
    }

    public static void recordAll(List<PlannedEvent> planned, EventRecorder events, HasMetadata about) {
        for (PlannedEvent event : planned) {
            if (event.warning()) {
                events.warning(about, event.reason(), event.message());
            } else {
                events.normal(about, event.reason(), event.message());
            }
        }
    }
}
