package dev.seed.mlops.trainer.data;

import dev.seed.mlops.tabular.CsvFormatException;
import dev.seed.mlops.tabular.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/** CSV with a header row. A quoted field may span lines, so rows are counted as records, and lines kept beside them. */
public final class CsvRecords implements Records {
    private final CsvParser csv;
    private final String source;
    private final Violations violations;
    private final List<String> header;
    private List<String> fields;
    private long row;

    public CsvRecords(Reader reader, String source, Violations violations) throws IOException {
        this.csv = new CsvParser(reader);
        this.source = source;
        this.violations = violations;
        List<String> first = parse();
        if (first == null) {
            violations.report(Violation.ofFile(source, "empty", "the file has no header row and no data"));
            violations.throwIfAny();
        }
        this.header = first.stream().map(String::strip).toList();
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public String columnsOrigin() {
        return "the header row";
    }

    @Override
    public long columnsLine() {
        return 1;
    }

    @Override
    public boolean next() throws IOException {
        fields = parse();
        if (fields == null) {
            return false;
        }
        row++;
        return true;
    }

    /** A row whose field count differs from the header's is reported. */
    @Override
    public void checkShape() {
        if (fields.size() != header.size()) {
            violations.report(Violation.atRow(source, row, line(), null, "field-count",
                    "the row has " + fields.size() + " fields, the header " + header.size()));
        }
    }

    @Override
    public long line() {
        return csv.recordLine();
    }

    @Override
    public boolean isNumber(int column) {
        return false;
    }

    @Override
    public double number(int column) {
        throw new UnsupportedOperationException("CSV cells are text");
    }

    /** A field by position; absent fields of a short row read as missing (the row is reported once). */
    @Override
    public String text(int column) {
        return column < fields.size() ? fields.get(column).strip() : "";
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private List<String> parse() throws IOException {
        try {
            return csv.next();
        } catch (CsvFormatException e) {
            violations.report(Violation.atRow(source, 0, e.line(), null, "csv", e.getMessage()));
            violations.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        }
    }
}
