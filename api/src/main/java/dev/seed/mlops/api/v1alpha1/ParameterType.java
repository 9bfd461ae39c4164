package dev.seed.mlops.api.v1alpha1;

/** Whether a numeric range holds integers (max_depth) or real numbers (eta). */
public enum ParameterType {
    integer, real
}
