package dev.seed.mlops.operator.inferenceservice;

/**
 * What a canary measurement is about: one version at one step, started at one time. A reading taken for another key
 * (the previous step, an earlier canary) is never judged for this one.
 */
public record CanaryKey(long version, int step, String stepStartedAt) {
}
