package dev.seed.mlops.serving.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.seed.mlops.serving.drift.DriftReport;

/**
 * What a shard leaves beside its part, {@code part-<shard>.json}, written after the part: the part is complete when
 * this file exists. Its drift report holds bin counts, so the shards' reports can be summed into the run's drift.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ShardSummary(int shard, int shards, String model, String version, long rowsIn, long rowsOut, double seconds,
        DriftReport drift) {
}
