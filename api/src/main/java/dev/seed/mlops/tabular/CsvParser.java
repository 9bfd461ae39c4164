package dev.seed.mlops.tabular;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV parser: comma separated, fields optionally quoted with '"' (a doubled quote inside
 * a quoted field is one quote), records end at LF or CRLF, and a quoted field may span lines. Blank lines are
 * skipped and a leading byte-order mark is ignored. It keeps the line each record starts on, for error messages.
 */
public final class CsvParser implements Closeable {
    private static final int BUFFER_SIZE = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader reader;
    private final char[] buffer = new char[BUFFER_SIZE];
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private boolean started;

    public CsvParser(Reader reader) {
        this.reader = reader;
    }

    /** The fields of the next record, or null at the end of input. The list is reused by the next call. */
    public List<String> next() throws IOException {
        skipBlankLinesAndBom();
        if (!fill()) {
            return null;
        }
        recordLine = line;
        fields.clear();
        while (!readField()) {
            // one field per turn, until one ends the record
        }
        return fields;
    }

    /** The 1-based line of the file on which the record last returned by {@link #next()} starts. */
    public long recordLine() {
        return recordLine;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /**
     * Reads one field into {@link #fields}; true when it ended its record. The common case, an unquoted field
     * inside the buffer, becomes a String straight from the buffer; the rest goes through {@link #field}.
     */
    private boolean readField() throws IOException {
        field.setLength(0);
        if (!fill()) {
            fields.add("");
            return true;
        }
        if (buffer[position] == '"') {
            position++;
            readQuoted();
        } else {
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == ',' || c == '\n') {
                    fields.add(new String(buffer, start, position - start));
                    position++;
                    if (c == ',') {
                        return false;
                    }
                    line++;
                    return true;
                }
                if (c == '\r') {
                    break;
                }
                position++;
            }
            field.append(buffer, start, position - start);
        }
        return readRestOfField();
    }

    /** Continues a field char by char, across buffer refills and after a closing quote. */
    private boolean readRestOfField() throws IOException {
        while (fill()) {
            char c = buffer[position++];
            if (c == ',') {
                fields.add(field.toString());
                return false;
            }
            if (c == '\n') {
                line++;
                fields.add(field.toString());
                return true;
            }
            if (c == '\r' && (!fill() || buffer[position] == '\n')) {
                continue;
            }
            field.append(c);
        }
        fields.add(field.toString());
        return true;
    }

    private void readQuoted() throws IOException {
        long openedOnLine = line;
        while (fill()) {
            char c = buffer[position++];
            if (c == '"') {
                if (fill() && buffer[position] == '"') {
                    position++;
                    field.append('"');
                } else {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                field.append(c);
            }
        }
        throw new CsvFormatException(openedOnLine, "a quoted field opened on this line is never closed");
    }

    private void skipBlankLinesAndBom() throws IOException {
        if (!started) {
            started = true;
            if (fill() && buffer[position] == BYTE_ORDER_MARK) {
                position++;
            }
        }
        while (fill() && (buffer[position] == '\n' || buffer[position] == '\r')) {
            if (buffer[position] == '\n') {
                line++;
            }
            position++;
        }
    }

    /** Makes at least one char available; false at the end of input. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }
}
