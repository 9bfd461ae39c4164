package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How far the retrain a policy triggered has come. While it is in flight no second retrain starts: the new version
 * is the answer to the drift, and it is still on its way.
 */
public enum RetrainProgress {
    /** No retrain, or it is finished: failed, rejected, rolled back or promoted. */
    NONE,
    /** The TrainingJob runs (or waits for fresh data), or its version waits for its gates. */
    TRAINING,
    /** The new version passed its gates and the InferenceService rolls it out (or is about to). */
    REPLACING;

    private static final Set<ModelStage> ON_ITS_WAY = Set.of(ModelStage.Validated, ModelStage.Canary);

    public boolean inFlight() {
        return this != NONE;
    }

    /**
     * @param trainingJob  the TrainingJob the policy last created, if it still exists
     * @param modelVersion the ModelVersion that TrainingJob registered, if any
     */
    public static RetrainProgress of(Optional<TrainingJob> trainingJob, Optional<ModelVersion> modelVersion, InferenceService target) {
        if (trainingJob.isEmpty() || trainingJob.get().getStatus() == null) {
            return trainingJob.isEmpty() ? NONE : TRAINING;
        }
        var status = trainingJob.get().getStatus();
        if (!"Succeeded".equals(status.getPhase())) {
            return "Failed".equals(status.getPhase()) ? NONE : TRAINING;
        }
        String version = status.getModelVersion();
        var serving = target == null ? null : target.getStatus();
        if (serving != null && serving.getCanary() != null && Objects.equals(serving.getCanary().getModelVersion(), version)) {
            return REPLACING;
        }
        if (serving != null && serving.getStable() != null && Objects.equals(serving.getStable().getModelVersion(), version)) {
            return NONE;
        }
        Optional<ModelStage> stage = modelVersion.map(mv -> mv.getStatus() == null ? ModelStage.Candidate : mv.getStatus().getStage());
        if (stage.isEmpty()) {
            return NONE;
        }
        if (stage.get() == ModelStage.Candidate || stage.get() == null) {
            return TRAINING;
        }
        return ON_ITS_WAY.contains(stage.get()) ? REPLACING : NONE;
    }
}
