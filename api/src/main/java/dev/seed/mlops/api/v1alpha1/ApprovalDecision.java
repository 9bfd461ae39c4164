package dev.seed.mlops.api.v1alpha1;

/** What the evaluation gates decided about a ModelVersion; recorded once, never changed. */
public enum ApprovalDecision {
    Validated, Rejected
}
