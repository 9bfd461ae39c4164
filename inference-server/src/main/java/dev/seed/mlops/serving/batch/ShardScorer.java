package dev.seed.mlops.serving.batch;

import dev.seed.mlops.serving.drift.DriftMonitor;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.InvalidInputException;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.tabular.CsvFields;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Streams a shard's rows through the served model in chunks: each chunk is encoded into a {@link FeatureBatch} (the
 * rules the inference server applies to a request), predicted by the same engine the server would pick, counted by the
 * same {@link DriftMonitor}, and written as CSV rows: the id, the predictions, then the features when passed through.
 * Memory is bounded by one chunk.
 */
final class ShardScorer {
    static final int CHUNK_ROWS = 4096;
    /** The id column when none is configured: the row's 0-based index in the whole input. */
    static final String ROW_INDEX = "row";

    private final ServedModel model;
    private final DriftMonitor drift;
    private final String idColumn;
    private final boolean passThrough;

    ShardScorer(ServedModel model, DriftMonitor drift, String idColumn, boolean passThrough) {
        this.model = model;
        this.drift = drift;
        this.idColumn = idColumn;
        this.passThrough = passThrough;
    }

    /** Scores every row into {@code out} after a header row; returns the rows written. */
    long score(ShardRows rows, Writer out) throws IOException {
        FeatureSchema schema = model.schema();
        out.write(header());
        long written = 0;
        ColumnPositions columns = null;
        String[] ids = new String[CHUNK_ROWS];
        String[][] features = new String[CHUNK_ROWS][];
        FeatureBatch batch = new FeatureBatch(schema);
        List<String> row;
        while ((row = rows.next()) != null) {
            if (columns == null || columns.header() != rows.header()) {
                columns = ColumnPositions.of(rows.header(), schema, idColumn, rows.position());
            }
            int r = batch.addRow();
            ids[r] = columns.id() < 0 ? Long.toString(rows.index()) : row.get(columns.id());
            features[r] = passThrough ? new String[schema.size()] : null;
            for (int f = 0; f < schema.size(); f++) {
                String cell = row.get(columns.feature(f));
                encode(batch, r, f, cell, rows);
                if (passThrough) {
                    features[r][f] = cell;
                }
            }
            if (batch.rows() == CHUNK_ROWS) {
                written += flush(batch, ids, features, out);
                batch = new FeatureBatch(schema);
            }
        }
        if (batch.rows() > 0) {
            written += flush(batch, ids, features, out);
        }
        return written;
    }

    private String header() {
        StringBuilder header = new StringBuilder(CsvFields.quote(idColumn == null ? ROW_INDEX : idColumn));
        for (String name : predictionColumns(model.outputWidth())) {
            header.append(',').append(name);
        }
        if (passThrough) {
            for (String name : model.schema().names()) {
                header.append(',').append(CsvFields.quote(name));
            }
        }
        return header.append('\n').toString();
    }

    /** prediction for one output (a probability of class 1, or a value); p0, p1, ... for one per class. */
    static List<String> predictionColumns(int outputWidth) {
        if (outputWidth == 1) {
            return List.of("prediction");
        }
        return java.util.stream.IntStream.range(0, outputWidth).mapToObj(k -> "p" + k).toList();
    }

    /** A CSV cell as a request value: empty is missing; a numeric feature's text is a number, a categorical one's a name. */
    private static void encode(FeatureBatch batch, int r, int f, String cell, ShardRows rows) {
        try {
            if (cell.isEmpty()) {
                batch.setMissing(r, f);
            } else if (batch.schema().isCategorical(f)) {
                batch.setString(r, f, cell);
            } else {
                batch.setNumber(r, f, parse(cell, batch.schema().name(f)));
            }
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(rows.position() + ": " + e.getMessage().replaceFirst("^row [0-9]+: ", ""), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rows.position() + ": " + e.getMessage(), e);
        }
    }

    private static double parse(String cell, String feature) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("feature '" + feature + "' is numeric but got \"" + cell + "\"");
        }
    }

    private long flush(FeatureBatch batch, String[] ids, String[][] features, Writer out) throws IOException {
        float[] modelInput = model.modelInput(batch);
        float[] predictions = model.predict(modelInput, batch.rows());
        drift.record(batch, modelInput, predictions);
        int width = model.outputWidth();
        StringBuilder line = new StringBuilder(64);
        for (int r = 0; r < batch.rows(); r++) {
            line.setLength(0);
            line.append(CsvFields.quote(ids[r]));
            for (int k = 0; k < width; k++) {
                line.append(',').append(predictions[r * width + k]);
            }
            if (features[r] != null) {
                for (String cell : features[r]) {
                    line.append(',').append(CsvFields.quote(cell));
                }
            }
            out.append(line).append('\n');
        }
        return batch.rows();
    }

    /** Where the id and each model feature are in a file's header. */
    private record ColumnPositions(List<String> header, int id, int[] features) {
        static ColumnPositions of(List<String> header, FeatureSchema schema, String idColumn, String where) {
            int id = idColumn == null ? -1 : header.indexOf(idColumn);
            if (idColumn != null && id < 0) {
                throw new IllegalArgumentException(where + ": the id column '" + idColumn + "' is not in the header " + header);
            }
            int[] features = new int[schema.size()];
            for (int f = 0; f < features.length; f++) {
                features[f] = header.indexOf(schema.name(f));
                if (features[f] < 0) {
                    throw new IllegalArgumentException(where + ": the model's feature '" + schema.name(f) + "' is not in the header " + header);
                }
            }
            return new ColumnPositions(header, id, features);
        }

        int feature(int f) {
            return features[f];
        }
    }
}
