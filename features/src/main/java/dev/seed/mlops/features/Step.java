package dev.seed.mlops.features;

/** One fitted transform bound to its slots: computes its output columns of a row from its input columns. */
@FunctionalInterface
interface Step {
    void apply(double[] row);
}
