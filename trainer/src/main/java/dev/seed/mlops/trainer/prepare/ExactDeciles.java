package dev.seed.mlops.trainer.prepare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact values at the decile ranks of one numeric feature, found in a few passes over the source with memory
 * bounded by constants, not by the rows: a radix selection on the values' order-preserving 64-bit keys.
 * <ol>
 * <li>The first pass counts every value in one of 2^16 windows of the key space (its top 16 bits: sign, exponent and 4
 * bits of mantissa). The window holding each decile rank is then known, with how many values lie below it.</li>
 * <li>Each later pass holds the values of every window with at most {@link #MAX_HELD} values (they are sorted after the
 * pass, which gives the value at the rank exactly), and counts the values of a larger window in 2^16 narrower ones,
 * which narrows it 65,536-fold. A window of one key holds a single value and needs nothing more. Since keys are 64
 * bits, at most four counting passes can be needed; a million Gaussian values need none, ten million one.</li>
 * </ol>
 * Memory: 256 KiB of counts per window being narrowed and at most {@link #MAX_HELD} doubles per window held, for at
 * most nine windows: under 5 MiB per numeric feature. -0.0 and 0.0 share a key (they are equal for {@code <}); which
 * of them is at a rank follows {@link Arrays#sort(double[])}'s order, from the count of -0.0 values.
 */
final class ExactDeciles implements OrderStatistics {
    /** The most values a window's values are held for; beyond it, the window is narrowed by a counting pass. */
    static final int MAX_HELD = 1 << 14;
    private static final int BUCKETS = 1 << 16;
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private final Window all = new Window(Long.MIN_VALUE, Long.MAX_VALUE, 0, 0);
    private long size;
    private long negativeZeros;
    private long[] ranks = new long[0];
    private Window[] windowByRank = new Window[0];
    /** The windows the current pass counts in or holds values of. */
    private Window[] active;

    ExactDeciles() {
        all.counts = new int[BUCKETS];
        active = new Window[] {all};
    }

    /** Takes a present (non-NaN) value during a pass. */
    void add(double value) {
        if (active.length == 0) {
            return;
        }
        long key = key(value);
        if (active[0] == all) {
            size++;
            negativeZeros += Double.doubleToRawLongBits(value) == NEGATIVE_ZERO ? 1 : 0;
        }
        for (Window window : active) {
            if (key >= window.low && key <= window.high) {
                window.take(key, value);
            }
        }
    }

    /** Ends a pass: narrows the counted windows to the ones holding the decile ranks. */
    void endPass() {
        if (active.length > 0 && active[0] == all) {
            ranks = OrderStatistics.decileRanks(size, Profiler.NUMERIC_BINS);
            windowByRank = new Window[ranks.length];
            Arrays.fill(windowByRank, all);
            all.inside = size;
        }
        for (Window window : active) {
            window.checkHeld();
        }
        Map<Window, Window> narrowed = new LinkedHashMap<>();
        for (int i = 0; i < ranks.length && size > 0; i++) {
            Window window = windowByRank[i];
            if (window.counts != null) {
                Window narrower = window.narrow(ranks[i]);
                windowByRank[i] = narrowed.computeIfAbsent(narrower, same -> same);
            }
        }
        for (Window window : active) {
            window.counts = null;
        }
        active = new Window[0];
    }

    /** Whether another pass must count values before the ranks' windows are small enough to hold. */
    boolean needsCountingPass() {
        return Arrays.stream(windowByRank).distinct().anyMatch(window -> window.resolvedBy() == Need.COUNTING);
    }

    /** Starts a pass: the windows that are still open count or hold their values in it. */
    void startPass() {
        List<Window> open = new ArrayList<>();
        for (Window window : Arrays.stream(windowByRank).distinct().toList()) {
            switch (window.resolvedBy()) {
                case COUNTING -> window.counts = new int[BUCKETS];
                case HOLDING -> window.held = new double[(int) window.inside];
                case NOTHING -> {
                    continue;
                }
            }
            open.add(window);
        }
        active = open.toArray(Window[]::new);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public double at(long rank) {
        Window window = windowOf(rank);
        if (window.low == window.high) {
            double value = valueOf(window.low);
            return value == 0 && rank - window.below < negativeZeros ? -0.0 : value;
        }
        return window.held[(int) (rank - window.below)];
    }

    @Override
    public long below(long rank) {
        Window window = windowOf(rank);
        return window.low == window.high ? window.below : window.below + Profiler.lowerBound(window.held, at(rank));
    }

    private Window windowOf(long rank) {
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == rank) {
                Window window = windowByRank[i];
                if (window.resolvedBy() != Need.NOTHING) {
                    throw new IllegalStateException("rank " + rank + " is not found yet");
                }
                return window;
            }
        }
        throw new IllegalArgumentException("rank " + rank + " is not a decile rank of " + size + " values");
    }

    /** A signed key in the order of the values: -0.0 and 0.0 share 0. */
    static long key(double value) {
        long bits = Double.doubleToRawLongBits(value + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double valueOf(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    private enum Need { COUNTING, HOLDING, NOTHING }

    /** The values whose keys are in [low, high]: {@code below} values are under it, {@code inside} in it. */
    private static final class Window {
        final long low;
        final long high;
        final long below;
        /** Keys per bucket when the window is counted in {@link #BUCKETS} buckets; 2^48 for the whole key space. */
        final long width;
        long inside;
        int[] counts;
        double[] held;
        int heldCount;

        Window(long low, long high, long below, long inside) {
            this.low = low;
            this.high = high;
            this.below = below;
            this.inside = inside;
            this.width = Long.divideUnsigned(high - low, BUCKETS) + 1;
        }

        Need resolvedBy() {
            if (low == high || held != null && heldCount == held.length && counts == null) {
                return Need.NOTHING;
            }
            return inside <= MAX_HELD ? Need.HOLDING : Need.COUNTING;
        }

        void take(long key, double value) {
            if (counts != null) {
                counts[(int) Long.divideUnsigned(key - low, width)]++;
            } else {
                held[heldCount++] = value;
            }
        }

        void checkHeld() {
            if (held != null) {
                if (heldCount != held.length) {
                    throw new IllegalStateException(heldCount + " values in a window that counted " + held.length);
                }
                Arrays.sort(held);
            }
        }

        /** The bucket of this counted window that holds the rank, as a window. */
        Window narrow(long rank) {
            long under = below;
            for (int bucket = 0; bucket < counts.length; bucket++) {
                if (rank < under + counts[bucket]) {
                    long from = low + bucket * width;
                    long to = Long.compareUnsigned(high - from, width - 1) <= 0 ? high : from + width - 1;
                    return new Window(from, to, under, counts[bucket]);
                }
                under += counts[bucket];
            }
            throw new IllegalStateException("rank " + rank + " is beyond the " + under + " values counted");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Window window && window.low == low && window.high == high;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(low) * 31 + Long.hashCode(high);
        }
    }
}
