package dev.seed.mlops.trainer.quality;

import java.time.Instant;

/**
 * A prediction line of the prediction log.
 *
 * @param output the prediction as logged: one value (P(class 1), or the regression value) or one per class
 */
public record LoggedPrediction(String id, Instant time, String model, long version, float[] output) {
}
