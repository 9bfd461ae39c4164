package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import java.util.List;

/** Collects streamed {@link Row}s into a {@link Table} of a schema's columns. */
public final class TableBuilder {
    private final NumericColumn label;
    private final Column[] features;

    public TableBuilder(DataSchema schema) {
        label = new NumericColumn(schema.getLabel() == null ? "" : schema.getLabel().getName());
        List<FeatureColumn> specs = schema.getFeatures();
        features = new Column[specs.size()];
        for (int i = 0; i < features.length; i++) {
            FeatureColumn spec = specs.get(i);
            features[i] = spec.getType() == FeatureType.categorical
                    ? new CategoricalColumn(spec.getName()) : new NumericColumn(spec.getName());
        }
    }

    public void add(Row row) {
        label.add(row.label());
        for (int i = 0; i < features.length; i++) {
            if (features[i] instanceof NumericColumn numeric) {
                numeric.add(row.number(i));
            } else {
                ((CategoricalColumn) features[i]).add(row.category(i));
            }
        }
    }

    public Table build() {
        return new Table(label, List.of(features));
    }
}
