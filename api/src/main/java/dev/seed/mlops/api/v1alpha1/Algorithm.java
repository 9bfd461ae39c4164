package dev.seed.mlops.api.v1alpha1;

/** Training algorithms. */
public enum Algorithm {
    xgboost, mlp, custom
}
