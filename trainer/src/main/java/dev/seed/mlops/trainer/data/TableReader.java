package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link Records} of a source in any format (CSV with a header row, JSON Lines, Parquet) into a
 * {@link Table} of the schema's columns; other columns are ignored. The type rules and their messages are the same
 * for every format. A schema without a label (scoring new data) reads every label as missing. Given a {@link Shard},
 * it streams the source and keeps only the shard's rows: the others are moved over (a quoted CSV field may span
 * lines, so rows cannot be skipped by byte offset) and dropped, never converted or checked, so memory holds the
 * shard alone.
 * Every cell that breaks a type rule is reported to the {@link Violations} and read as missing, so one pass
 * finds them all. A source without a header, or without a schema column, cannot be read further and ends the read.
 */
public final class TableReader {
    /** Multiclass labels are class indexes 0..n-1; more classes than this is almost surely a wrong label column. */
    public static final int MAX_CLASSES = 1000;

    private final DataSchema schema;
    private final String source;
    private final Violations violations;

    public TableReader(DataSchema schema, String source, Violations violations) {
        this.schema = schema;
        this.source = source;
        this.violations = violations;
    }

    /** Reads a whole UTF-8 file, failing on the first broken rule (for files the trainer wrote or a user gave). */
    public static Table readFile(Path file, DataSchema schema, String source) throws IOException {
        return readFile(file, schema, source, Shard.ALL);
    }

    /** Reads one shard's rows of a UTF-8 file, failing on the first broken rule in them. */
    public static Table readFile(Path file, DataSchema schema, String source, Shard shard) throws IOException {
        Violations violations = new Violations();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Table table = new TableReader(schema, source, violations).read(reader, shard);
            violations.throwIfAny();
            return table;
        }
    }

    /** Reads to the end of the reader; closing it stays with the caller. */
    public Table read(Reader reader) throws IOException {
        return read(reader, Shard.ALL);
    }

    /** Reads CSV to the end of the reader, keeping the shard's rows; closing it stays with the caller. */
    public Table read(Reader reader, Shard shard) throws IOException {
        return read(new CsvRecords(reader, source, violations), shard);
    }

    /** Reads the records to their end, keeping the shard's rows; closing them stays with the caller. */
    public Table read(Records records, Shard shard) throws IOException {
        TableBuilder table = new TableBuilder(schema);
        stream(records, shard, (index, row) -> table.add(row));
        return table.build();
    }

    /** Positions among the records' columns of the label (index 0) and the features (1..n). */
    private int[] locateColumns(Records records) {
        List<String> columns = records.columns();
        Map<String, Integer> positionByName = new HashMap<>();
        for (int i = columns.size() - 1; i >= 0; i--) {
            positionByName.put(columns.get(i), i);
        }
        List<String> wanted = new ArrayList<>();
        wanted.add(hasLabel() ? schema.getLabel().getName() : null);
        schema.getFeatures().forEach(feature -> wanted.add(feature.getName()));
        int[] positions = new int[wanted.size()];
        for (int i = hasLabel() ? 0 : 1; i < wanted.size(); i++) {
            Integer position = positionByName.get(wanted.get(i));
            if (position == null) {
                violations.report(Violation.atRow(source, 0, records.columnsLine(), wanted.get(i), "missing-column",
                        records.columnsOrigin() + " has no column '" + wanted.get(i) + "' (it has " + abbreviate(columns) + ")"));
            } else {
                positions[i] = position;
            }
        }
        return positions;
    }

    /**
     * Streams the records to their end without keeping them: each of the shard's rows, converted and checked, goes to
     * the sink (the same {@link Row} object every time). Closing the records stays with the caller.
     *
     * @return the number of data rows in the source, the shard's and the others'
     */
    public long stream(Records records, Shard shard, RowSink sink) throws IOException {
        int[] positions = locateColumns(records);
        violations.throwIfAny();
        records.keep(hasLabel() ? positions : Arrays.copyOfRange(positions, 1, positions.length));
        List<FeatureColumn> featureSpecs = schema.getFeatures();
        boolean[] categorical = new boolean[featureSpecs.size()];
        for (int i = 0; i < categorical.length; i++) {
            categorical[i] = featureSpecs.get(i).getType() == FeatureType.categorical;
        }
        Row current = new Row(categorical.length);
        long row = 0;
        while (records.next()) {
            row++;
            if (!shard.holds(row - 1)) {
                continue;
            }
            records.checkShape();
            long line = records.line();
            current.clear();
            current.setLabel(hasLabel() ? parseLabel(records, positions[0], row, line) : Double.NaN);
            for (int i = 0; i < categorical.length; i++) {
                int position = positions[i + 1];
                if (categorical[i]) {
                    current.setCategory(i, records.text(position));
                } else {
                    current.setNumber(i, parseNumber(records, position, featureSpecs.get(i).getName(), row, line));
                }
            }
            sink.accept(row - 1, current);
        }
        return row;
    }

    private boolean hasLabel() {
        return schema.getLabel() != null;
    }

    private double parseNumber(Records records, int position, String column, long row, long line) {
        Double value;
        if (records.isNumber(position)) {
            value = records.number(position);
            if (Double.isNaN(value)) {
                return Double.NaN;
            }
        } else {
            String text = records.text(position);
            if (NumberText.isMissing(text)) {
                return Double.NaN;
            }
            value = NumberText.parse(text);
            if (value == null) {
                violations.report(Violation.atRow(source, row, line, column, "numeric", "'" + text + "' is not a finite number"));
                return Double.NaN;
            }
        }
        if (Double.isInfinite(value)) {
            violations.report(Violation.atRow(source, row, line, column, "numeric", "'" + records.text(position)
                    + "' is not a finite number"));
            return Double.NaN;
        }
        if (Double.isInfinite((float) value.doubleValue())) {
            // XGBoost computes in floats: the value would train as infinity; the inference server refuses it too
            violations.report(Violation.atRow(source, row, line, column, "numeric", "'" + records.text(position)
                    + "' is beyond the 32-bit float range XGBoost computes in"));
            return Double.NaN;
        }
        return value;
    }

    private double parseLabel(Records records, int position, long row, long line) {
        String column = schema.getLabel().getName();
        TaskType task = schema.getLabel().getType();
        String text = records.text(position);
        Double value = records.isNumber(position) ? Double.valueOf(records.number(position))
                : NumberText.isMissing(text) ? null : NumberText.parse(text);
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
        String problem = null;
        if (value == null) {
            problem = text.isEmpty() ? "the label is missing" : "'" + text + "' is not a number";
        } else if (task == TaskType.binary && value != 0 && value != 1) {
            problem = "a binary label is 0 or 1, got '" + text + "'";
        } else if (task == TaskType.multiclass && (value != Math.rint(value) || value < 0 || value >= MAX_CLASSES)) {
            problem = "a multiclass label is a class index 0.." + (MAX_CLASSES - 1) + ", got '" + text + "'";
        }
        if (problem != null) {
            violations.report(Violation.atRow(source, row, line, column, "label", problem));
            return Double.NaN;
        }
        return value;
    }

    private static String abbreviate(List<String> header) {
        String joined = String.join(", ", header);
        return joined.length() <= 200 ? joined : joined.substring(0, 197) + "...";
    }
}
