package dev.seed.mlops.trainer.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line, its keys the columns. The first object names the columns (as a CSV header
 * does: a schema column it lacks is a missing column); a later object without one of them, or with null, has a
 * missing value there, and keys the schema does not name are ignored. Numbers are read as numbers, strings as
 * text (so "3.5" in a numeric column is read as CSV would read it); a nested object or array in a column is refused
 * (rule jsonl). Blank lines are skipped; a line that is not a JSON object is refused with its line number.
 */
public final class JsonLinesRecords implements Records {
    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedReader lines;
    private final String source;
    private final Violations violations;
    private final List<String> columns;
    private final Map<String, Integer> positions = new HashMap<>();
    private final String[] texts;
    private final double[] numbers;
    private final boolean[] isNumber;
    private final long firstLine;
    /** The first object, read to name the columns and returned again as the first row. */
    private String pending;
    private String current;
    private long lineNumber;
    private long rowLine;
    private long row;

    public JsonLinesRecords(Reader reader, String source, Violations violations) throws IOException {
        this.lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, 1 << 16);
        this.source = source;
        this.violations = violations;
        this.pending = nonBlankLine();
        this.firstLine = lineNumber;
        if (pending == null) {
            violations.report(Violation.ofFile(source, "empty", "the file has no JSON object and no data"));
            violations.throwIfAny();
        }
        this.columns = keysOf(pending);
        for (int i = columns.size() - 1; i >= 0; i--) {
            positions.put(columns.get(i), i);
        }
        texts = new String[columns.size()];
        numbers = new double[columns.size()];
        isNumber = new boolean[columns.size()];
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public String columnsOrigin() {
        return "the first JSON object";
    }

    @Override
    public long columnsLine() {
        return firstLine;
    }

    @Override
    public boolean next() throws IOException {
        boolean first = pending != null;
        current = first ? pending : nonBlankLine();
        pending = null;
        if (current == null) {
            return false;
        }
        rowLine = first ? firstLine : lineNumber;
        row++;
        return true;
    }

    @Override
    public void checkShape() {
        Arrays.fill(texts, "");
        Arrays.fill(isNumber, false);
        try (JsonParser parser = JSON.createParser(current)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                refuse("the line is not a JSON object");
                return;
            }
            for (JsonToken token; (token = parser.nextToken()) == JsonToken.FIELD_NAME; ) {
                Integer position = positions.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (position == null) {
                    parser.skipChildren();
                } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    violations.report(Violation.atRow(source, row, rowLine, columns.get(position), "jsonl",
                            "a nested " + (value == JsonToken.START_OBJECT ? "object" : "array") + " is not a cell value"));
                    parser.skipChildren();
                } else {
                    readScalar(parser, value, position);
                }
            }
            if (parser.nextToken() != null) {
                refuse("the line holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            refuse("the line is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("parsing a string cannot fail to read", e);
        }
    }

    @Override
    public long line() {
        return rowLine;
    }

    @Override
    public boolean isNumber(int column) {
        return isNumber[column];
    }

    @Override
    public double number(int column) {
        return numbers[column];
    }

    @Override
    public String text(int column) {
        return texts[column];
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private void readScalar(JsonParser parser, JsonToken value, int position) throws IOException {
        switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                texts[position] = parser.getText();
                numbers[position] = parser.getDoubleValue();
                isNumber[position] = true;
            }
            case VALUE_NULL -> texts[position] = "";
            default -> texts[position] = parser.getText().strip();
        }
    }

    private void refuse(String problem) {
        Arrays.fill(texts, "");
        Arrays.fill(isNumber, false);
        violations.report(Violation.atRow(source, row, rowLine, null, "jsonl", problem));
    }

    private String nonBlankLine() throws IOException {
        String line;
        do {
            line = lines.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        return line;
    }

    private List<String> keysOf(String first) throws IOException {
        List<String> keys = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(first)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    keys.add(parser.currentName());
                    parser.nextToken();
                    parser.skipChildren();
                }
                return keys;
            }
        } catch (JsonProcessingException e) {
            refuseFirst("the line is not valid JSON: " + e.getOriginalMessage());
        }
        refuseFirst("the line is not a JSON object");
        return keys;
    }

    private void refuseFirst(String problem) {
        violations.report(Violation.atRow(source, 1, firstLine, null, "jsonl", problem));
        violations.throwIfAny();
    }
}
