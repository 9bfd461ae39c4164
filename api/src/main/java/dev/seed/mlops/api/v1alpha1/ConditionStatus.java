package dev.seed.mlops.api.v1alpha1;

/** The three values of a Kubernetes condition's status. */
public enum ConditionStatus {
    True, False, Unknown
}
