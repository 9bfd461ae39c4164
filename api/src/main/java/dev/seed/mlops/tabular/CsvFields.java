package dev.seed.mlops.tabular;

/** Writing CSV fields so that {@link CsvParser} reads them back unchanged. */
public final class CsvFields {
    private CsvFields() {
    }

    /** Quotes a field when it holds a separator, a quote, a line break or edge spaces that a reader would strip. */
    public static String quote(String field) {
        return needsQuotes(field) ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static boolean needsQuotes(String field) {
        int length = field.length();
        if (length > 0 && (Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(length - 1)))) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
