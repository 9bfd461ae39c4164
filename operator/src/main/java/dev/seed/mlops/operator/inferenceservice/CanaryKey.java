package dev.seed.mlops.operator.inferenceservice;

/**
 * What a canary measurement is about: one version at one step, started at one time, with the step's split (weight and
 * shadow share, which the stable pods must have applied). A reading taken for another key (the previous step, an
 * earlier canary) is never judged for this one.
 */
public record CanaryKey(long version, int step, String stepStartedAt, int weight, int shadow) {
}
