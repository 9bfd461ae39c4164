package dev.seed.mlops.trainer.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The rows of a source in one format (CSV, JSON Lines, Parquet), one at a time: what {@link TableReader} checks and
 * converts without knowing the format. Cells are addressed by their position in {@link #columns()}. A problem with
 * the shape of a row (a CSV row with too many fields, a JSON line that is not an object) is reported by the
 * implementation to the {@link Violations} it was given, with the same source, row and line a type rule would name;
 * a problem that ends the read (a broken quote, a corrupt Parquet file) is reported and thrown.
 */
public interface Records extends Closeable {
    /** The column names every row has, in the source's order (a CSV header, a Parquet schema, the first JSON object's keys). */
    List<String> columns();

    /** Where {@link #columns()} come from, for a missing-column message: "the header row", "the first line", ... */
    String columnsOrigin();

    /** The 1-based line on which {@link #columns()} are named, or 0 when the format has no lines. */
    long columnsLine();

    /**
     * Says which columns (positions in {@link #columns()}) will be read, before the first {@link #next()}; a format that
     * stores columns apart reads only these. The others read as missing.
     */
    default void keep(int[] columns) {
    }

    /** Moves to the next row; false after the last. Rows another shard keeps are moved over, not converted. */
    boolean next() throws IOException;

    /**
     * Reads the current row's cells and reports what is wrong with its shape; the cells it has are still read (those
     * it lacks read as missing). Called only for the rows a reader keeps, so a shard reports only its own.
     */
    void checkShape();

    /** The 1-based line of the file where the current row starts, or 0 when the format has no lines (Parquet). */
    long line();

    /** Whether the cell holds a number the format stores as one (a JSON number, a Parquet numeric column). */
    boolean isNumber(int column);

    /** The cell as a number; only when {@link #isNumber} is true. */
    double number(int column);

    /** The cell as text, stripped; empty when the cell is missing (an empty CSV field, a JSON null, a Parquet null). */
    String text(int column);
}
