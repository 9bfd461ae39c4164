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
 * @param measure       a drift reading to take (off the reconcile thread) at its key's due time, or now if that has
 *                      passed; empty: none, and one asked for ahead is withdrawn
 * @param retrain       a retrain to start: ask the Dataset for fresh data, then create the TrainingJob
 * @param events        events to record
 * @param scores        the scores of the reading evaluated in this pass, for the gauges (version in status)
 * @param retrainEnded  how the last retrain ended, when it ended in this pass
 * @param qualityJob    a quality Job to start
 * @param quality       the quality gauges the policy reports from now on (none: remove them), when this pass decided them
 * @param requeueAfter  when to look again if nothing else happens
 */
public record DriftPlan(DriftPolicyStatus status, Optional<ReadingKey> measure, Optional<RetrainOrder> retrain, List<Event> events,
        Optional<Map<String, Double>> scores, Optional<RetrainState> retrainEnded, Optional<QualityJobOrder> qualityJob,
        Optional<List<QualityGauge>> quality, Duration requeueAfter) {

    public record Event(boolean warning, EventReason reason, String message) {
    }

    /** The TrainingJob {@code trainingJob}, trained on a snapshot of {@code dataset} prepared after {@code requestedAt}. */
    public record RetrainOrder(String trainingJob, String dataset, Instant requestedAt) {
    }

    /** The quality Job {@code name}: the service's predictions made in (from, until] by {@code version}, joined with their labels. */
    public record QualityJobOrder(String name, String model, long version, Instant from, Instant until) {
    }

    /** One value of {@code mlops_model_quality}. */
    public record QualityGauge(String model, long version, String metric, double value) {
    }
}
