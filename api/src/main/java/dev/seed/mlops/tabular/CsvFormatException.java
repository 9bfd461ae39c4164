package dev.seed.mlops.tabular;

/** The bytes are not well-formed CSV. */
public class CsvFormatException extends RuntimeException {
    private final long line;

    public CsvFormatException(long line, String message) {
        super(message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
