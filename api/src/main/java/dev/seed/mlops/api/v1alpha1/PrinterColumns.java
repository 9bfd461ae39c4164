package dev.seed.mlops.api.v1alpha1;

/** JSONPaths the printer columns of every kind share; referenced by annotations, so constants only. */
final class PrinterColumns {
    /**
     * Second column, not last: the CRD generator orders columns by JSONPath (case-insensitively) and has no order
     * option, and no JSONPath that Kubernetes accepts for the creation time sorts after {@code .status} (docs/api.md).
     */
    static final String AGE = ".metadata.creationTimestamp";
    static final String READY = ".status.conditions[?(@.type==\"Ready\")].status";

    private PrinterColumns() {
    }
}
