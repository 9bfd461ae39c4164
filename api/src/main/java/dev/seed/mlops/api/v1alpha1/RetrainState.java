package dev.seed.mlops.api.v1alpha1;

/** How far a retrain a DriftPolicy triggered has come. Promoted, Failed and RolledBack are final. */
public enum RetrainState {
    Training, Replacing, Promoted, Failed, RolledBack
}
