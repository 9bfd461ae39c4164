package dev.seed.mlops.trainer.quality;

import java.time.Instant;

/**
 * A ground-truth label, from a label line of the prediction log or from a label file a user dropped into the store.
 *
 * @param received when it arrived: the line's received time; for a file, the file's modification time
 */
public record ArrivedLabel(String id, double label, Instant received) {
}
