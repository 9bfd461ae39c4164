package dev.seed.mlops.api.v1alpha1;

/** The life of a ModelVersion: Candidate, then Validated or Rejected, then Canary, Production and finally Retired. */
public enum ModelStage {
    Candidate, Validated, Rejected, Canary, Production, Retired
}
