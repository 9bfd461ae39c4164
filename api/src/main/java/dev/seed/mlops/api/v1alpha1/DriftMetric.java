package dev.seed.mlops.api.v1alpha1;

/** Drift statistics comparing live data to the training baseline. */
public enum DriftMetric {
    psi, ks, jensenShannon
}
