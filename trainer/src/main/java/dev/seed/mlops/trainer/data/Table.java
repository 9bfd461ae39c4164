package dev.seed.mlops.trainer.data;

import java.util.List;

/** A label and the features of a Dataset's schema, in schema order, column-wise. */
public record Table(NumericColumn label, List<Column> features) {
    public Table {
        features = List.copyOf(features);
        for (Column feature : features) {
            if (feature.size() != label.size()) {
                throw new IllegalArgumentException("column " + feature.name() + " has " + feature.size()
                        + " rows, the label " + label.size());
            }
        }
    }

    public int rows() {
        return label.size();
    }

    /** A new table with the given rows, in the given order. */
    public Table select(int[] rows) {
        return new Table(label.select(rows), features.stream().map(column -> column.select(rows)).toList());
    }
}
