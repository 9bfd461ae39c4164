package dev.seed.mlops.trainer.data;

import java.util.Arrays;

/**
 * One row of a source as {@link TableReader} converted it, reused from row to row by a streaming read: the label (NaN
 * when missing or without a label), then per schema feature a number (NaN when missing, or for a categorical feature)
 * or a category (null when missing, or for a numeric feature).
 */
public final class Row {
    private double label;
    private final double[] numbers;
    private final String[] categories;

    public Row(int features) {
        numbers = new double[features];
        categories = new String[features];
    }

    public double label() {
        return label;
    }

    public double number(int feature) {
        return numbers[feature];
    }

    public String category(int feature) {
        return categories[feature];
    }

    public int features() {
        return numbers.length;
    }

    void clear() {
        label = Double.NaN;
        Arrays.fill(numbers, Double.NaN);
        Arrays.fill(categories, null);
    }

    void setLabel(double value) {
        label = value;
    }

    void setNumber(int feature, double value) {
        numbers[feature] = value;
    }

    /** Null or empty is missing, as in a {@link CategoricalColumn}. */
    void setCategory(int feature, String value) {
        categories[feature] = value == null || value.isEmpty() ? null : value;
    }

    /** Sets this row to a table's row. */
    public Row of(Table table, int row) {
        clear();
        label = table.label().get(row);
        for (int i = 0; i < numbers.length; i++) {
            Column column = table.features().get(i);
            if (column instanceof NumericColumn numeric) {
                numbers[i] = numeric.get(row);
            } else {
                categories[i] = ((CategoricalColumn) column).value(row);
            }
        }
        return this;
    }
}
