package dev.seed.mlops.serving.batch;

import java.util.List;

/**
 * {@code manifest.json} of a run's output: present only when every shard succeeded, so a reader that finds it may read
 * all the parts it lists.
 */
record RunManifest(int formatVersion, String model, String version, int shards, long rowsIn, long rowsOut,
        List<String> parts, PooledDrift drift) {
    static final int CURRENT_FORMAT_VERSION = 1;

    static RunManifest of(List<ShardSummary> summaries) {
        ShardSummary first = summaries.get(0);
        return new RunManifest(CURRENT_FORMAT_VERSION, first.model(), first.version(), summaries.size(),
                summaries.stream().mapToLong(ShardSummary::rowsIn).sum(),
                summaries.stream().mapToLong(ShardSummary::rowsOut).sum(),
                summaries.stream().map(s -> RunOutput.partName(s.shard()) + ".csv").toList(),
                PooledDrift.of(PooledDrift.reports(summaries)));
    }
}
