package dev.seed.mlops.trainer.data;

/**
 * One broken rule, located as precisely as the rule allows.
 *
 * @param source the source URI or file
 * @param row    1-based data row (the header is not a data row), or 0 when the rule is about a whole column or file
 * @param line   1-based line of the file where that row starts (the header is line 1), or 0 when not known
 * @param column the column, or null when the rule is about the whole file
 * @param rule   the rule's name, e.g. numeric, min-rows, max-missing-fraction
 * @param detail what was found, and what was expected
 */
public record Violation(String source, long row, long line, String column, String rule, String detail) {

    public static Violation atRow(String source, long row, long line, String column, String rule, String detail) {
        return new Violation(source, row, line, column, rule, detail);
    }

    public static Violation ofColumn(String source, String column, String rule, String detail) {
        return new Violation(source, 0, 0, column, rule, detail);
    }

    public static Violation ofFile(String source, String rule, String detail) {
        return new Violation(source, 0, 0, null, rule, detail);
    }

    /**
     * E.g. {@code source data.csv: row 16 (line 17), column 'age': rule numeric: 'abc' is not a number};
     * a rule about a whole column says "all rows", one about the whole file names neither row nor column.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("source ").append(source).append(": ");
        if (row > 0) {
            text.append("row ").append(row).append(line > 0 ? " (line " + line + ")" : "").append(", ");
        } else if (line > 0) {
            text.append("line ").append(line).append(", ");
        } else if (column != null) {
            text.append("all rows, ");
        }
        if (column != null) {
            text.append("column '").append(column).append("', ");
        }
        return text.append("rule ").append(rule).append(": ").append(detail).toString();
    }
}
