package dev.seed.mlops.features;

/** How a column's values are held: numbers, or categories coded by their index in the column's vocabulary. */
public enum ColumnType {
    numeric, categorical
}
