package dev.seed.mlops.api.v1alpha1;

/** What a sustained drift breach does. */
public enum DriftAction {
    Retrain, AlertOnly
}
