package dev.seed.mlops.api.v1alpha1;

/** File formats a Dataset source can have. */
public enum DataFormat {
    csv, jsonl, parquet
}
