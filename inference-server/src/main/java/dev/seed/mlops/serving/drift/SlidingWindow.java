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
    private static SlidingWindow counted(long rows, int buckets, int variables, int totalBins) {
        return new SlidingWindow(buckets, Math.max(1, (rows + buckets - 1) / buckets), 0, variables, totalBins);
    }

    /** A window of the last {@code millis} milliseconds. */
    private static SlidingWindow timed(long millis, int buckets, int variables, int totalBins) {
        return new SlidingWindow(buckets, Long.MAX_VALUE, Math.max(1, millis / buckets), variables, totalBins);
    }

    /** A window of the size {@code spec} describes. */
    static SlidingWindow of(DriftMonitor.WindowSpec spec, int variables, int totalBins) {
        return spec.windowMillis() > 0
                ? timed(spec.windowMillis(), spec.buckets(), variables, totalBins)
                : counted(spec.rows(), spec.buckets(), variables, totalBins);
    }

    /** Whether this window is the one {@code spec} describes. */
    boolean hasSize(DriftMonitor.WindowSpec spec) {
        SlidingWindow wanted = of(spec, 0, 0);
        return wanted.buckets == buckets && wanted.rowsPerBucket == rowsPerBucket && wanted.millisPerBucket == millisPerBucket;
    }

    /**
     * A window of the size {@code spec} describes that holds what it can of this one: its buckets, newest first, each
     * kept whole (the rows of a bucket cannot be told apart) while it fits; the first that does not is left out with
     * every older one. Into a timed window a bucket goes by its start, so it leaves when rows of that time would. Into
     * a counted window small buckets are merged up to a new bucket's size, and a larger one is placed as many buckets
     * back as its rows fill, behind the newest bucket that new rows fill: the window never holds more than its size,
     * now or as it moves on.
     */
    SlidingWindow resized(DriftMonitor.WindowSpec spec, long now) {
        expire(now);
        SlidingWindow next = of(spec, variables, totals.length);
        long nowBucketStart = next.isTimed() ? now - Math.floorMod(now, next.millisPerBucket) : NEVER;
        next.bucketStart[next.current] = nowBucketStart;
        int slot = next.current;
        int slotsUsed = 1;
        for (int age = 0; age < buckets; age++) {
            int from = Math.floorMod(current - age, buckets);
            if (bucketRows[from] == 0) {
                continue;
            }
            if (next.isTimed()) {
                long alignedStart = bucketStart[from] - Math.floorMod(bucketStart[from], next.millisPerBucket);
                long bucketsAgo = Math.max(0, (nowBucketStart - alignedStart) / next.millisPerBucket);
                if (bucketsAgo >= next.buckets) {
                    break;
                }
                slot = Math.floorMod(next.current - (int) bucketsAgo, next.buckets);
                next.bucketStart[slot] = nowBucketStart - bucketsAgo * next.millisPerBucket;
            } else if (next.bucketRows[slot] + bucketRows[from] > next.rowsPerBucket) {
                long fills = (bucketRows[from] + next.rowsPerBucket - 1) / next.rowsPerBucket;
                if (slotsUsed + fills > next.buckets) {
                    break;
                }
                slotsUsed += (int) fills;
                slot = Math.floorMod(next.current - slotsUsed + 1, next.buckets);
                next.bucketStart[slot] = bucketStart[from];
            } else {
                next.bucketStart[slot] = bucketStart[from]; // the oldest start of the rows merged into it
            }
            next.add(slot, this, from);
        }
        next.lastRowMillis = next.rows == 0 ? NEVER : lastRowMillis;
        return next;
    }

    /** Adds bucket {@code from} of {@code other} (same variables and bins) to bucket {@code slot}. */
    private void add(int slot, SlidingWindow other, int from) {
        for (int bin = 0; bin < totals.length; bin++) {
            bucketCounts[slot][bin] += other.bucketCounts[from][bin];
            totals[bin] += other.bucketCounts[from][bin];
        }
        for (int v = 0; v < variables; v++) {
            bucketMissing[slot][v] += other.bucketMissing[from][v];
            missingTotals[v] += other.bucketMissing[from][v];
        }
        bucketRows[slot] += other.bucketRows[from];
        rows += other.bucketRows[from];
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
