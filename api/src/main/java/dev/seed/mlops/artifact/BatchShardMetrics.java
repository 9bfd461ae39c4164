package dev.seed.mlops.artifact;

/**
 * The keys of {@link JobResult#metrics()} in a BatchPrediction shard's termination message, shared by the shard (the
 * inference-server image) and the operator that reads them. The shard that published the run's manifest adds the
 * run's totals and its pooled drift.
 */
public final class BatchShardMetrics {
    /** {@link JobResult#command()} of a shard. */
    public static final String COMMAND = "batch";
    public static final String SHARD = "shard";
    public static final String ROWS_OUT = "rowsOut";
    public static final String SECONDS = "seconds";
    /** 1 when this shard wrote the run's manifest.json. */
    public static final String PUBLISHED = "published";
    public static final String RUN_ROWS = "run.rows";
    public static final String DRIFT_PREDICTION = "drift.prediction";
    /** drift.feature.&lt;name&gt;: the run's PSI of one feature. */
    public static final String DRIFT_FEATURE_PREFIX = "drift.feature.";
    /** How many feature scores a termination message carries at most (the largest), to stay within its 4096 bytes. */
    public static final int MAX_FEATURES = 32;

    private BatchShardMetrics() {
    }
}
