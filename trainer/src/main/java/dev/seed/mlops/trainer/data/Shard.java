package dev.seed.mlops.trainer.data;

/**
 * The rows of a file that one of {@code count} readers keeps: those whose 0-based index i among the file's data rows has
 * i mod count = index. Every row belongs to exactly one shard, and a reader keeps only its own in memory.
 */
public record Shard(int index, int count) {
    /** Every row: the shard of a reader that is alone. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist: shards are numbered 0.." + (count - 1));
        }
    }

    /** Whether the row with this 0-based index is one of this shard's. */
    public boolean holds(long row) {
        return row % count == index;
    }

    @Override
    public String toString() {
        return count == 1 ? "all rows" : "rows i mod " + count + " = " + index;
    }
}
