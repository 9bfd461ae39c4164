package dev.seed.mlops.api.v1alpha1;

/**
 * A summary of a ModelVersion for humans: serving first (Production where some InferenceService serves it as stable,
 * Canary where one canaries it, Retired once it served as stable and nothing serves it any more), else its approval
 * (Validated, Rejected, or Candidate while there is none).
 */
public enum ModelStage {
    Candidate, Validated, Rejected, Canary, Production, Retired
}
