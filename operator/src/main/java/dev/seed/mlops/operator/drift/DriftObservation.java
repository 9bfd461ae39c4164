package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.operator.common.Measurements.Measured;
import dev.seed.mlops.operator.common.ObservedJob;
import java.util.List;
import java.util.Optional;

/**
 * What a DriftPolicy's reconcile sees: the informer caches and the latest finished drift reading. Built without writes
 * or blocking I/O; everything else the planner needs is in the policy's status.
 *
 * @param target          the InferenceService, empty when it does not exist
 * @param latestReading   the newest finished reading of this policy, whatever evaluation it answers
 * @param readingInFlight whether a reading is being taken now
 * @param retrain         the TrainingJob the policy last created, empty when it has none or it no longer exists
 * @param qualityJob      the quality Job status.quality.job names, empty when there is none or it is not in the cache
 */
public record DriftObservation(Optional<Target> target, Optional<Measured<ReadingKey, DriftReading>> latestReading,
        boolean readingInFlight, Optional<Retrain> retrain, Optional<ObservedJob> qualityJob) {

    /** Without a quality Job: what a policy without a performance section sees. */
    public DriftObservation(Optional<Target> target, Optional<Measured<ReadingKey, DriftReading>> latestReading, boolean readingInFlight,
            Optional<Retrain> retrain) {
        this(target, latestReading, readingInFlight, retrain, Optional.empty());
    }

    /**
     * @param stableVersion      the version serving as stable, null while none does
     * @param stableModelVersion its ModelVersion's name
     * @param canaryModelVersion the ModelVersion in canary, null when none is
     * @param history            the service's rollouts, newest first
     * @param readyPods          addresses of the ready pods of the stable version
     * @param missingBaseline    why the stable version has no drift baseline yet (its ModelVersion's status.baseline
     *                           message), or null when it has one or its ModelVersion is not in the cache
     */
    public record Target(String name, String model, Long stableVersion, String stableModelVersion, String canaryModelVersion,
            List<RolloutRecord> history, List<String> readyPods, String missingBaseline) {

        /** A target whose stable version has its baseline. */
        public Target(String name, String model, Long stableVersion, String stableModelVersion, String canaryModelVersion,
                List<RolloutRecord> history, List<String> readyPods) {
            this(name, model, stableVersion, stableModelVersion, canaryModelVersion, history, readyPods, null);
        }
    }

    /**
     * @param phase        the TrainingJob's status.phase, null before it has one
     * @param message      its status.message
     * @param modelVersion the ModelVersion it registered, null until it did
     * @param version      the version number it registered
     * @param stage        that ModelVersion's stage, empty while it is not in the cache
     * @param stageReason  why it is in that stage
     */
    public record Retrain(String name, String phase, String message, String modelVersion, Long version, Optional<ModelStage> stage,
            String stageReason) {
    }
}
