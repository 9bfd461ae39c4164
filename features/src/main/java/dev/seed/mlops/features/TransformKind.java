package dev.seed.mlops.features;

/** The closed vocabulary of transforms a Dataset may declare. */
public enum TransformKind {
    impute, clip, log1p, standardize, bucketize, datePart, arithmetic, foldRare
}
