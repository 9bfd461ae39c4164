package dev.seed.mlops.api.v1alpha1;

/** How a Dataset's prepare Job went. */
public enum PrepareOutcome {
    Running, Succeeded, Failed
}
