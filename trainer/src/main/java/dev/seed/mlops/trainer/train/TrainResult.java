package dev.seed.mlops.trainer.train;

import java.util.Map;

/**
 * What a train run produced.
 *
 * @param uri         where the artifact is in the store
 * @param modelSha256 sha256 of the model file, 64 hex digits
 * @param metrics     the model's test-split metrics, then champion.&lt;metric&gt; when a champion was scored
 * @param rounds      boosting rounds the model kept
 */
public record TrainResult(String uri, String modelSha256, Map<String, Double> metrics, int rounds) {
}
