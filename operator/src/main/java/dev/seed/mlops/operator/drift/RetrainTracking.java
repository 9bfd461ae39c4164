package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.inferenceservice.RolloutOutcome;
import dev.seed.mlops.operator.training.TrainingPhase;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How far the retrain a policy triggered has come, from its TrainingJob, its ModelVersion and the InferenceService.
 * Every retrain ends: its version is promoted, or it fails (the TrainingJob failed or vanished, the version was
 * rejected, or it was not promoted within the deadline), or its canary is rolled back. While it has not ended no second
 * retrain starts: the new version is the answer to the drift, and it is still on its way.
 */
final class RetrainTracking {
    static final Set<RetrainState> ENDED = Set.of(RetrainState.Promoted, RetrainState.Failed, RetrainState.RolledBack);

    private RetrainTracking() {
    }

    /** A retrain state and, when the retrain ended, why. */
    record Progress(RetrainState state, Long version, String message) {
    }

    static boolean inFlight(RetrainTrigger trigger) {
        return trigger != null && !ENDED.contains(state(trigger));
    }

    /** Triggers recorded before retrain states existed are Training until their TrainingJob says otherwise. */
    static RetrainState state(RetrainTrigger trigger) {
        return trigger.getState() == null ? RetrainState.Training : trigger.getState();
    }

    /** Where the retrain stands now; an ended retrain stays as it ended. */
    static Progress next(RetrainTrigger trigger, Optional<DriftObservation.Retrain> job, Optional<DriftObservation.Target> target,
            String deadline, Instant now) {
        if (ENDED.contains(state(trigger))) {
            return new Progress(state(trigger), trigger.getVersion(), trigger.getMessage());
        }
        Progress progress = observed(trigger.getTrainingJob(), job, target);
        Instant due = Timestamps.parse(trigger.getTime()).plus(Durations.parse(deadline));
        if (!ENDED.contains(progress.state()) && !now.isBefore(due)) {
            return new Progress(RetrainState.Failed, progress.version(), "retrain " + trigger.getTrainingJob() + " did not reach promotion"
                    + " within its deadline " + deadline + " (by " + Timestamps.format(due) + "): " + progress.message());
        }
        return progress;
    }

    private static Progress observed(String name, Optional<DriftObservation.Retrain> found, Optional<DriftObservation.Target> target) {
        if (found.isEmpty()) {
            return new Progress(RetrainState.Failed, null, "TrainingJob " + name + " no longer exists");
        }
        DriftObservation.Retrain job = found.get();
        if (TrainingPhase.of(job.phase()).orElse(null) == TrainingPhase.Failed) {
            return new Progress(RetrainState.Failed, job.version(), "TrainingJob " + name + " failed: "
                    + Objects.requireNonNullElse(job.message(), "no message"));
        }
        if (TrainingPhase.of(job.phase()).orElse(null) != TrainingPhase.Succeeded) {
            return new Progress(RetrainState.Training, job.version(), "TrainingJob " + name + " is "
                    + Objects.requireNonNullElse(job.phase(), TrainingPhase.Pending.name()));
        }
        String version = "v" + job.version() + " (" + job.modelVersion() + ")";
        if (target.isPresent()) {
            DriftObservation.Target served = target.get();
            if (Objects.equals(served.stableModelVersion(), job.modelVersion()) && job.modelVersion() != null) {
                return new Progress(RetrainState.Promoted, job.version(), "the retrained " + version + " serves as stable");
            }
            Optional<RolloutRecord> rollback = served.history().stream()
                    .filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome()) && Objects.equals(r.getVersion(), job.version()))
                    .findFirst();
            if (rollback.isPresent()) {
                return new Progress(RetrainState.RolledBack, job.version(), "the canary of the retrained " + version + " was rolled back"
                        + " by InferenceService " + served.name() + ": " + Objects.requireNonNullElse(rollback.get().getReason(), "no reason"));
            }
            if (Objects.equals(served.canaryModelVersion(), job.modelVersion())) {
                return new Progress(RetrainState.Replacing, job.version(), "the retrained " + version + " is in canary");
            }
        }
        Optional<ModelStage> stage = job.stage();
        if (stage.isPresent() && stage.get() == ModelStage.Rejected) {
            return new Progress(RetrainState.Failed, job.version(), "the retrained " + version + " was rejected: "
                    + Objects.requireNonNullElse(job.stageReason(), "no reason"));
        }
        if (stage.isEmpty() || stage.get() == ModelStage.Candidate) {
            return new Progress(RetrainState.Training, job.version(), "the retrained " + version + " waits for its gates");
        }
        return new Progress(RetrainState.Replacing, job.version(), "the retrained " + version + " is " + stage.get()
                + " and waits to be rolled out (is the InferenceService pinned?)");
    }
}
