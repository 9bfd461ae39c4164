package dev.seed.mlops.api.v1alpha1;

/** Whether the search objective is a score to raise or an error to lower. */
public enum SearchDirection {
    maximize, minimize
}
