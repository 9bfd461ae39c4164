package dev.seed.mlops.features;

/** What a timestamp column counts since 1970-01-01T00:00:00Z. */
public enum TimeUnit {
    seconds, milliseconds
}
