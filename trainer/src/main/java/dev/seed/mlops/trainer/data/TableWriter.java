package dev.seed.mlops.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a {@link Table} as CSV that {@link TableReader} reads back, through a {@link RowWriter}. */
public final class TableWriter {
    private TableWriter() {
    }

    public static void write(Table table, Path file) throws IOException {
        write(table, null, file);
    }

    /** Writes the given rows of the table, in that order, without copying them into a table of their own. */
    public static void write(Table table, int[] rows, Path file) throws IOException {
        List<Column> features = table.features();
        boolean[] categorical = new boolean[features.size()];
        for (int i = 0; i < categorical.length; i++) {
            categorical[i] = features.get(i) instanceof CategoricalColumn;
        }
        try (RowWriter out = new RowWriter(file, table.label().name(), features.stream().map(Column::name).toList(), categorical)) {
            Row row = new Row(features.size());
            int count = rows == null ? table.rows() : rows.length;
            for (int i = 0; i < count; i++) {
                out.write(row.of(table, rows == null ? i : rows[i]));
            }
        }
    }
}
