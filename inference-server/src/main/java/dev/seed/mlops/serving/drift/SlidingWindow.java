package dev.seed.mlops.serving.drift;

import java.util.Arrays;

/**
 * Bin counts over the recent past, kept as a ring of buckets: rows go into the newest bucket, and when it is
 * full (counted window) or its time span is over (timed window) the oldest bucket is emptied and reused, so
 * old data leaves the window a bucket at a time. Totals over all buckets are kept up to date on every
 * change, so reading a score costs O(bins), and recording a value is two increments.
 *
 * <p>Not thread-safe: {@link DriftMonitor} serializes access.
 */
final class SlidingWindow {

    private static final long NEVER = Long.MIN_VALUE;

    private final int buckets;
    private final long rowsPerBucket;
    private final long millisPerBucket;
    private final int variables;
    private final long[][] bucketCounts;
    private final long[][] bucketMissing;
    private final long[] bucketRows;
    private final long[] bucketStart;
    private final long[] totals;
    private final long[] missingTotals;
    private long rows;
    private int current;
    private long lastRowMillis = NEVER;

    private SlidingWindow(int buckets, long rowsPerBucket, long millisPerBucket, int variables, int totalBins) {
        this.buckets = buckets;
        this.rowsPerBucket = rowsPerBucket;
        this.millisPerBucket = millisPerBucket;
        this.variables = variables;
        this.bucketCounts = new long[buckets][totalBins];
        this.bucketMissing = new long[buckets][variables];
        this.bucketRows = new long[buckets];
        this.bucketStart = new long[buckets];
        this.totals = new long[totalBins];
        this.missingTotals = new long[variables];
        Arrays.fill(bucketStart, NEVER);
    }

    /** A window of about {@code rows} rows (rounded up to whole buckets). */
    static SlidingWindow counted(long rows, int buckets, int variables, int totalBins) {
        return new SlidingWindow(buckets, Math.max(1, (rows + buckets - 1) / buckets), 0, variables, totalBins);
    }

    /** A window of the last {@code millis} milliseconds. */
    static SlidingWindow timed(long millis, int buckets, int variables, int totalBins) {
        return new SlidingWindow(buckets, Long.MAX_VALUE, Math.max(1, millis / buckets), variables, totalBins);
    }

    boolean isTimed() {
        return millisPerBucket > 0;
    }

    /** Starts a row at {@code now}: moves the window on first if the newest bucket is full or over. */
    void beginRow(long now) {
        expire(now);
        if (bucketRows[current] >= rowsPerBucket) {
            advance(1);
            bucketStart[current] = now;
        }
        if (bucketStart[current] == NEVER) {
            bucketStart[current] = isTimed() ? now - Math.floorMod(now, millisPerBucket) : now;
        }
        bucketRows[current]++;
        rows++;
        lastRowMillis = now;
    }

    /** Lets buckets whose time is over leave a timed window, also when no rows arrive. */
    void expire(long now) {
        if (!isTimed() || bucketStart[current] == NEVER) {
            return;
        }
        long elapsedBuckets = (now - bucketStart[current]) / millisPerBucket;
        if (elapsedBuckets > 0) {
            advance((int) Math.min(elapsedBuckets, buckets));
            bucketStart[current] = now - Math.floorMod(now, millisPerBucket);
        }
    }

    private void advance(int steps) {
        for (int i = 0; i < steps; i++) {
            current = (current + 1) % buckets;
            long[] counts = bucketCounts[current];
            for (int bin = 0; bin < counts.length; bin++) {
                totals[bin] -= counts[bin];
            }
            long[] missing = bucketMissing[current];
            for (int v = 0; v < variables; v++) {
                missingTotals[v] -= missing[v];
            }
            rows -= bucketRows[current];
            Arrays.fill(counts, 0);
            Arrays.fill(missing, 0);
            bucketRows[current] = 0;
            bucketStart[current] = NEVER;
        }
    }

    /** Counts a value in {@code bin}, an index into all variables' bins laid end to end. */
    void count(int bin) {
        bucketCounts[current][bin]++;
        totals[bin]++;
    }

    void countMissing(int variable) {
        bucketMissing[current][variable]++;
        missingTotals[variable]++;
    }

    long[] totals() {
        return totals;
    }

    long missing(int variable) {
        return missingTotals[variable];
    }

    long rows() {
        return rows;
    }

    /** When the oldest row still in the window arrived (its bucket's start), or empty-window NEVER. */
    long startMillis() {
        long earliest = Long.MAX_VALUE;
        for (int b = 0; b < buckets; b++) {
            if (bucketRows[b] > 0) {
                earliest = Math.min(earliest, bucketStart[b]);
            }
        }
        return earliest == Long.MAX_VALUE ? NEVER : earliest;
    }

    long lastRowMillis() {
        return rows == 0 ? NEVER : lastRowMillis;
    }

    static boolean isSet(long millis) {
        return millis != NEVER;
    }

    /** The configured size, for the report: rows for a counted window, milliseconds for a timed one. */
    long capacity() {
        return isTimed() ? millisPerBucket * buckets : rowsPerBucket * buckets;
    }

    int buckets() {
        return buckets;
    }
}
