package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import java.util.List;

/** The next status of a ModelVersion and the events that go with it. */
record ModelVersionPlan(ModelVersionStatus status, List<PlannedEvent> events) {
}
