package dev.seed.mlops.serving.batch;

import dev.seed.mlops.artifact.BatchShardMetrics;
import dev.seed.mlops.artifact.JobResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A shard's result as the operator reads it from the termination message (keys in {@link BatchShardMetrics}). */
final class ShardResults {
    static final String COMMAND = BatchShardMetrics.COMMAND;

    private ShardResults() {
    }

    static JobResult succeeded(ShardOptions options, long rows, double seconds, Optional<RunManifest> published) {
        Map<String, Double> metrics = shardMetrics(options.shard(), rows, seconds);
        String message = "shard " + options.shard() + " of " + options.shards() + " scored " + rows + " rows in "
                + String.format("%.1f", seconds) + "s into " + options.output();
        if (published.isPresent()) {
            RunManifest manifest = published.get();
            metrics.put(BatchShardMetrics.PUBLISHED, 1.0);
            metrics.put(BatchShardMetrics.RUN_ROWS, (double) manifest.rowsOut());
            if (manifest.drift().prediction() != null) {
                metrics.put(BatchShardMetrics.DRIFT_PREDICTION, manifest.drift().prediction());
            }
            manifest.drift().features().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(BatchShardMetrics.MAX_FEATURES)
                    .forEach(score -> metrics.put(BatchShardMetrics.DRIFT_FEATURE_PREFIX + score.getKey(), score.getValue()));
            message += "; every shard is done: published " + RunOutput.MANIFEST + " (" + manifest.rowsOut() + " rows)";
        }
        return new JobResult(COMMAND, true, null, options.output().toString(), rows, null, null, metrics, message);
    }

    static Map<String, Double> shardMetrics(int shard, long rows, double seconds) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(BatchShardMetrics.SHARD, (double) shard);
        metrics.put(BatchShardMetrics.ROWS_OUT, (double) rows);
        metrics.put(BatchShardMetrics.SECONDS, seconds);
        return metrics;
    }
}
