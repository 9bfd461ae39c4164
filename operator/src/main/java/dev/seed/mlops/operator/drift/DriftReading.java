package dev.seed.mlops.operator.drift;

import java.util.Map;

/**
 * Drift of one serving version, as a provider measured it.
 *
 * @param samples the rows every score rests on at least: the pooled rows of all pods' windows (the HTTP provider), or
 *                the smallest window whose scores were used (Prometheus, which cannot pool)
 * @param scores  score in the asked metric per feature, and for the prediction under {@link #PREDICTION}; a variable
 *                without data to compare has no entry (no data is never "no drift")
 */
public record DriftReading(long samples, Map<String, Double> scores) {
    public static final String PREDICTION = "_prediction";

    public DriftReading {
        scores = Map.copyOf(scores);
    }
}
