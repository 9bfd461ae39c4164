package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.tabular.CsvFormatException;
import dev.seed.mlops.tabular.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV with a header row into a {@link Table} of the schema's columns; other columns are ignored. A schema
 * without a label (scoring new data) reads every label as missing. Given a {@link Shard}, it streams the file and
 * keeps only the shard's rows: the others are split into fields (a quoted field may span lines, so rows cannot be
 * skipped by byte offset) and dropped, never converted or checked, so memory holds the shard alone.
 * Every cell that breaks a type rule is reported to the {@link Violations} and read as missing, so one pass
 * finds them all. A file without a header, or without a schema column, cannot be read further and ends the read.
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

    /** Reads to the end of the reader, keeping the shard's rows; closing it stays with the caller. */
    public Table read(Reader reader, Shard shard) throws IOException {
        CsvParser csv = new CsvParser(reader);
        try {
            List<String> header = csv.next();
            if (header == null) {
                violations.report(Violation.ofFile(source, "empty", "the file has no header row and no data"));
                violations.throwIfAny();
            }
            int[] positions = locateColumns(header);
            violations.throwIfAny();
            return readRows(csv, header.size(), positions, shard);
        } catch (CsvFormatException e) {
            violations.report(Violation.atRow(source, 0, e.line(), null, "csv", e.getMessage()));
            violations.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        }
    }

    /** Positions in the header of the label (index 0) and the features (1..n). */
    private int[] locateColumns(List<String> header) {
        Map<String, Integer> positionByName = new HashMap<>();
        for (int i = header.size() - 1; i >= 0; i--) {
            positionByName.put(header.get(i).strip(), i);
        }
        List<String> wanted = new ArrayList<>();
        wanted.add(hasLabel() ? schema.getLabel().getName() : null);
        schema.getFeatures().forEach(feature -> wanted.add(feature.getName()));
        int[] positions = new int[wanted.size()];
        for (int i = hasLabel() ? 0 : 1; i < wanted.size(); i++) {
            Integer position = positionByName.get(wanted.get(i));
            if (position == null) {
                violations.report(Violation.atRow(source, 0, 1, wanted.get(i), "missing-column",
                        "the header row has no column '" + wanted.get(i) + "' (it has " + abbreviate(header) + ")"));
            } else {
                positions[i] = position;
            }
        }
        return positions;
    }

    private Table readRows(CsvParser csv, int headerWidth, int[] positions, Shard shard) throws IOException {
        NumericColumn label = new NumericColumn(hasLabel() ? schema.getLabel().getName() : "");
        List<FeatureColumn> featureSpecs = schema.getFeatures();
        Column[] features = new Column[featureSpecs.size()];
        for (int i = 0; i < features.length; i++) {
            FeatureColumn spec = featureSpecs.get(i);
            features[i] = spec.getType() == FeatureType.categorical
                    ? new CategoricalColumn(spec.getName()) : new NumericColumn(spec.getName());
        }
        long row = 0;
        for (List<String> fields; (fields = csv.next()) != null; ) {
            row++;
            if (!shard.holds(row - 1)) {
                continue;
            }
            long line = csv.recordLine();
            if (fields.size() != headerWidth) {
                violations.report(Violation.atRow(source, row, line, null, "field-count",
                        "the row has " + fields.size() + " fields, the header " + headerWidth));
            }
            label.add(hasLabel() ? parseLabel(cell(fields, positions[0]), row, line) : Double.NaN);
            for (int i = 0; i < features.length; i++) {
                String text = cell(fields, positions[i + 1]);
                if (features[i] instanceof NumericColumn numeric) {
                    numeric.add(parseNumber(text, numeric.name(), row, line));
                } else {
                    ((CategoricalColumn) features[i]).add(text);
                }
            }
        }
        return new Table(label, List.of(features));
    }

    private boolean hasLabel() {
        return schema.getLabel() != null;
    }

    private double parseNumber(String text, String column, long row, long line) {
        if (NumberText.isMissing(text)) {
            return Double.NaN;
        }
        Double value = NumberText.parse(text);
        if (value == null) {
            violations.report(Violation.atRow(source, row, line, column, "numeric", "'" + text + "' is not a finite number"));
            return Double.NaN;
        }
        if (Double.isInfinite((float) value.doubleValue())) {
            // XGBoost computes in floats: the value would train as infinity; the inference server refuses it too
            violations.report(Violation.atRow(source, row, line, column, "numeric", "'" + text
                    + "' is beyond the 32-bit float range XGBoost computes in"));
            return Double.NaN;
        }
        return value;
    }

    private double parseLabel(String text, long row, long line) {
        String column = schema.getLabel().getName();
        TaskType task = schema.getLabel().getType();
        Double value = NumberText.isMissing(text) ? null : NumberText.parse(text);
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

    /** A field by position; absent fields of a short row read as missing (the row is reported once). */
    private static String cell(List<String> fields, int position) {
        return position < fields.size() ? fields.get(position).strip() : "";
    }

    private static String abbreviate(List<String> header) {
        String joined = String.join(", ", header);
        return joined.length() <= 200 ? joined : joined.substring(0, 197) + "...";
    }
}
