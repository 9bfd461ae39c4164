package dev.seed.mlops.features;

/** How impute fills a missing value: a constant, or the mean, median or most frequent value of the training split. */
public enum ImputeStrategy {
    constant, mean, median, mostFrequent
}
