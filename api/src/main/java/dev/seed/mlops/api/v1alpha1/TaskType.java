package dev.seed.mlops.api.v1alpha1;

/** What a model predicts. */
public enum TaskType {
    binary, multiclass, regression
}
