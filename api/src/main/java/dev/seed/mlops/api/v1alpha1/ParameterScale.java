package dev.seed.mlops.api.v1alpha1;

/** How a numeric range is sampled: evenly, or evenly in its logarithm (for rates such as eta). */
public enum ParameterScale {
    linear, log
}
