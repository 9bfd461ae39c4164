package dev.seed.mlops.trainer.prepare;

/**
 * What a decile profile needs of a feature's non-missing values in ascending order ({@link java.util.Arrays#sort(double[])}'s
 * order: -0.0 before 0.0): the value at a rank and how many values are strictly below it. Answered from a sorted array
 * in memory, or by {@link ExactDeciles} from passes over a source for the ranks it was asked for.
 */
interface OrderStatistics {
    /** How many values there are. */
    long size();

    /** The value at a 0-based rank of the ascending order. */
    double at(long rank);

    /** How many values are strictly less ({@code <}) than the value at the rank. */
    long below(long rank);

    /** The ranks whose values are the inner decile edges: floor(i (n - 1) / bins) for i = 1..bins-1. */
    static long[] decileRanks(long size, int bins) {
        long[] ranks = new long[bins - 1];
        for (int i = 1; i < bins; i++) {
            ranks[i - 1] = (long) Math.floor((double) i * (size - 1) / bins);
        }
        return ranks;
    }
}
