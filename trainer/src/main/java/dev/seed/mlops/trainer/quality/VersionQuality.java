package dev.seed.mlops.trainer.quality;

import java.util.Map;

/**
 * The realised quality of one version over the window.
 *
 * @param metrics     the training metrics on the joined pairs (none when nothing joined or the task is unknown)
 * @param labelled    predictions a label joined
 * @param unlabelled  predictions no label joined (yet)
 * @param duplicates  labels beyond the first for the ids of this version's predictions
 * @param delayP50    median seconds from prediction to label arrival, null without labelled predictions
 * @param delayMax    longest such delay, null without labelled predictions
 */
public record VersionQuality(long version, Map<String, Double> metrics, long labelled, long unlabelled, long duplicates,
        Double delayP50, Double delayMax) {
}
