package dev.seed.mlops.api.v1alpha1;

/** Which rows of a Dataset snapshot a batch scores: all of them, or one split. */
public enum BatchInputSplit {
    all, train, validation, test
}
