package dev.seed.mlops.api.v1alpha1;

/** How a feature's values are read. */
public enum FeatureType {
    numeric, categorical
}
