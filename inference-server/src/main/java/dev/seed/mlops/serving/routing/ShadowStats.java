package dev.seed.mlops.serving.routing;

import dev.seed.mlops.serving.drift.ComparableBins;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What mirroring did and what the comparisons found, cumulative since start (the operator diffs two scrapes):
 * the routing endpoint's {@code shadow} and the {@code mlops_shadow_*} metrics.
 */
public final class ShadowStats {

    /** Upper bounds of the |Δ| buckets (cumulative, like Prometheus' le), then +Inf. */
    static final double[] ABS_DELTA_BOUNDS = {0.01, 0.05, 0.1, 0.25, 0.5};

    private final LongAdder mirrored = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder compared = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder agreeingRows = new LongAdder();
    private final DoubleAdder absDeltaSum = new DoubleAdder();
    private final LongAdder[] absDeltaBuckets = new LongAdder[ABS_DELTA_BOUNDS.length + 1];
    private final DistributionSummary absDelta;
    private long[] stableBins = new long[0];
    private long[] shadowBins = new long[0];

    ShadowStats(MeterRegistry registry, Tags modelTags) {
        Arrays.setAll(absDeltaBuckets, i -> new LongAdder());
        outcome(registry, modelTags, "compared", compared);
        outcome(registry, modelTags, "dropped", dropped);
        outcome(registry, modelTags, "failed", failed);
        FunctionCounter.builder("mlops.shadow.rows", rows, LongAdder::sum)
                .description("Rows whose stable and shadow predictions were compared")
                .tags(modelTags).register(registry);
        FunctionCounter.builder("mlops.shadow.agreeing.rows", agreeingRows, LongAdder::sum)
                .description("Compared rows whose stable and shadow decisions agree")
                .tags(modelTags).register(registry);
        absDelta = DistributionSummary.builder("mlops.shadow.abs.delta")
                .description("Per compared row, the largest |shadow - stable| prediction difference")
                .tags(modelTags)
                .serviceLevelObjectives(ABS_DELTA_BOUNDS)
                .register(registry);
    }

    private static void outcome(MeterRegistry registry, Tags modelTags, String outcome, LongAdder count) {
        FunctionCounter.builder("mlops.shadow.requests", count, LongAdder::sum)
                .description("Mirrored requests by outcome: compared, dropped over the in-flight bound, or failed")
                .tags(modelTags.and("outcome", outcome))
                .register(registry);
    }

    void mirrored() {
        mirrored.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void failed() {
        failed.increment();
    }

    /** Adds one mirrored request's comparison. */
    public void add(ShadowComparison comparison, String task, int outputWidth) {
        compared.increment();
        rows.add(comparison.rows());
        agreeingRows.add(comparison.agreeingRows());
        for (float delta : comparison.absDeltas()) {
            absDeltaSum.add(delta);
            absDelta.record(delta);
            absDeltaBuckets[bucket(delta)].increment();
        }
        if (comparison.stableBins().length > 0) {
            addBins(comparison, ComparableBins.count(task, outputWidth));
        }
    }

    private static int bucket(float delta) {
        int i = 0;
        while (i < ABS_DELTA_BOUNDS.length && delta > ABS_DELTA_BOUNDS[i]) {
            i++;
        }
        return i;
    }

    private synchronized void addBins(ShadowComparison comparison, int bins) {
        if (stableBins.length != bins) {
            stableBins = new long[bins];
            shadowBins = new long[bins];
        }
        for (int row = 0; row < comparison.rows(); row++) {
            stableBins[comparison.stableBins()[row]]++;
            shadowBins[comparison.shadowBins()[row]]++;
        }
    }

    /** The routing endpoint's {@code shadow}. */
    public synchronized Snapshot snapshot() {
        Map<String, Long> buckets = new LinkedHashMap<>();
        long cumulative = 0;
        for (int i = 0; i < absDeltaBuckets.length; i++) {
            cumulative += absDeltaBuckets[i].sum();
            buckets.put(i < ABS_DELTA_BOUNDS.length ? Double.toString(ABS_DELTA_BOUNDS[i]) : "+Inf", cumulative);
        }
        return new Snapshot(mirrored.sum(), dropped.sum(), failed.sum(), compared.sum(), rows.sum(),
                agreeingRows.sum(), absDeltaSum.sum(), buckets, Arrays.stream(stableBins).boxed().toList(),
                Arrays.stream(shadowBins).boxed().toList());
    }

    public record Snapshot(long mirrored, long dropped, long failed, long compared, long rows, long agreeingRows,
            double absDeltaSum, Map<String, Long> absDeltaBuckets, List<Long> stableBins, List<Long> shadowBins) {
    }
}
