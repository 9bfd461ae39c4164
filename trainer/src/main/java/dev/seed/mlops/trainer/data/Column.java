package dev.seed.mlops.trainer.data;

import dev.seed.mlops.api.v1alpha1.FeatureType;

/** One typed column of a {@link Table}, held in memory column-wise (a million rows of 20 features is 160 MB). */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    FeatureType type();

    int size();

    boolean isMissing(int row);

    /** The value as it is written back to CSV: empty when missing. */
    String format(int row);

    /** A new column with the given rows, in the given order. */
    Column select(int[] rows);
}
