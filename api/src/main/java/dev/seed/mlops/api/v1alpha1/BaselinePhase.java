package dev.seed.mlops.api.v1alpha1;

/**
 * Where a ModelVersion's drift baseline stands: Training (the profile its TrainingJob wrote), Waiting (for the named
 * Dataset to have a Ready snapshot), Profiling (the baseline Job runs), Ready (computed), Failed (the Job failed), or
 * None (registered by hand without spec.baseline: only a profile.json the artifact brings can serve as baseline).
 */
public enum BaselinePhase {
    Training, Waiting, Profiling, Ready, Failed, None
}
