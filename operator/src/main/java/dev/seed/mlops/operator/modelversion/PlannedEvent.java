package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.operator.common.EventReason;

/** An event the planner decided on; the reconciler records it. */
record PlannedEvent(boolean warning, EventReason reason, String message) {
}
