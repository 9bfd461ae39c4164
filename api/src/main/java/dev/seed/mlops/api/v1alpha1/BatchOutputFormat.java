package dev.seed.mlops.api.v1alpha1;

/** File formats a batch writes its predictions in. */
public enum BatchOutputFormat {
    csv
}
