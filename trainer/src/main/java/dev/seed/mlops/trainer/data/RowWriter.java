package dev.seed.mlops.trainer.data;

import static dev.seed.mlops.tabular.CsvFields.quote;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes rows as CSV that {@link TableReader} reads back: a header, then label and features per row. */
public final class RowWriter implements Closeable {
    private final Writer out;
    private final boolean[] categorical;

    /** @param categorical per feature, whether it is categorical (only categories can need quoting) */
    public RowWriter(Path file, String label, List<String> features, boolean[] categorical) throws IOException {
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        this.categorical = categorical.clone();
        out.write(quote(label));
        for (String feature : features) {
            out.write(',');
            out.write(quote(feature));
        }
        out.write('\n');
    }

    /** A writer of the schema's label and features. */
    public static RowWriter forSchema(Path file, DataSchema schema) throws IOException {
        List<FeatureColumn> features = schema.getFeatures();
        boolean[] categorical = new boolean[features.size()];
        for (int i = 0; i < categorical.length; i++) {
            categorical[i] = features.get(i).getType() == FeatureType.categorical;
        }
        return new RowWriter(file, schema.getLabel().getName(), features.stream().map(FeatureColumn::getName).toList(), categorical);
    }

    public void write(Row row) throws IOException {
        out.write(NumberText.format(row.label()));
        for (int i = 0; i < categorical.length; i++) {
            out.write(',');
            if (categorical[i]) {
                String value = row.category(i);
                out.write(quote(value == null ? "" : value));
            } else {
                out.write(NumberText.format(row.number(i)));
            }
        }
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
