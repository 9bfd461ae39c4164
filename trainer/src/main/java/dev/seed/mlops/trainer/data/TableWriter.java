package dev.seed.mlops.trainer.data;

import static dev.seed.mlops.tabular.CsvFields.quote;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a {@link Table} as CSV that {@link TableReader} reads back: a header, then label and features per row. */
public final class TableWriter {
    private TableWriter() {
    }

    public static void write(Table table, Path file) throws IOException {
        write(table, null, file);
    }

    /** Writes the given rows of the table, in that order, without copying them into a table of their own. */
    public static void write(Table table, int[] rows, Path file) throws IOException {
        List<Column> features = table.features();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write(quote(table.label().name()));
            for (Column feature : features) {
                out.write(',');
                out.write(quote(feature.name()));
            }
            out.write('\n');
            int count = rows == null ? table.rows() : rows.length;
            for (int i = 0; i < count; i++) {
                int row = rows == null ? i : rows[i];
                out.write(table.label().format(row));
                for (Column feature : features) {
                    out.write(',');
                    // numbers never hold a separator or a quote; only categories can need quoting
                    out.write(feature instanceof NumericColumn ? feature.format(row) : quote(feature.format(row)));
                }
                out.write('\n');
            }
        }
    }
}
