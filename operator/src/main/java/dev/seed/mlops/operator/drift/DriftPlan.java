package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.operator.common.EventReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconcile of a DriftPolicy does, decided by {@link DriftPlanner}.
 *
 * @param status        the next status
 * @param measure       a drift reading to ask for now (off the reconcile thread)
 * @param retrain       a retrain to start: ask the Dataset for fresh data, then create the TrainingJob
 * @param events        events to record
 * @param scores        the scores of the reading evaluated in this pass, for the gauges (version in status)
 * @param retrainEnded  how the last retrain ended, when it ended in this pass
 * @param requeueAfter  when to look again if nothing else happens
 */
public record DriftPlan(DriftPolicyStatus status, Optional<ReadingKey> measure, Optional<RetrainOrder> retrain, List<Event> events,
        Optional<Map<String, Double>> scores, Optional<RetrainState> retrainEnded, Duration requeueAfter) {

    public record Event(boolean warning, EventReason reason, String message) {
    }

    /** The TrainingJob {@code trainingJob}, trained on a snapshot of {@code dataset} prepared after {@code requestedAt}. */
    public record RetrainOrder(String trainingJob, String dataset, Instant requestedAt) {
    }
}
