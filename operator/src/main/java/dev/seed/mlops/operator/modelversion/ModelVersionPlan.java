package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import java.util.List;
import java.util.Optional;

/** The next status of a ModelVersion, the events that go with it, and the baseline Job to create. */
record ModelVersionPlan(ModelVersionStatus status, List<PlannedEvent> events, Optional<BaselinePlanner.BaselineJob> createBaselineJob) {
}
