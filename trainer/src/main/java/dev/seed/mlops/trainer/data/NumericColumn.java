package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.FeatureType;
import java.util.Arrays;

/** Numbers, NaN where missing. */
public final class NumericColumn implements Column {
    private final String name;
    private double[] values;
    private int size;

    public NumericColumn(String name) {
        this(name, new double[1024], 0);
    }

    public NumericColumn(String name, double[] values) {
        this(name, values, values.length);
    }

    private NumericColumn(String name, double[] values, int size) {
        this.name = name;
        this.values = values;
        this.size = size;
    }

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public double get(int row) {
        return values[row];
    }

    /** The values without the unused capacity; the array is shared, not copied. */
    public double[] values() {
        if (values.length != size) {
            values = Arrays.copyOf(values, size);
        }
        return values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FeatureType type() {
        return FeatureType.numeric;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public String format(int row) {
        return NumberText.format(values[row]);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] selected = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = values[rows[i]];
        }
        return new NumericColumn(name, selected);
    }
}
