package dev.seed.mlops.api.v1alpha1;

/**
 * Evaluation metrics the trainer reports on the test split. {@code calibrationError} is the expected calibration
 * error (ECE) of a classifier's probabilities: over 10 equal-width bins of the predicted probability (binary: of
 * class 1; multiclass: of the predicted class), the row-weighted mean gap between the mean predicted probability and
 * the observed rate. 0 is perfectly calibrated.
 */
public enum Metric {
    auc, accuracy, precision, recall, f1, logLoss, rmse, mae, r2, calibrationError;

    /** CEL list of the metrics where lower is better (as {@link #lowerIsBetter()}), for admission rules. */
    public static final String CEL_ERRORS = "['logLoss', 'rmse', 'mae', 'calibrationError']";
    /** CEL list of the scores that are at most 1. */
    public static final String CEL_SCORES_UP_TO_ONE = "['auc', 'accuracy', 'precision', 'recall', 'f1', 'r2']";

    /** An error, where a smaller value is better (gated with a maximum, minimised by a search). */
    public boolean lowerIsBetter() {
        return this == logLoss || this == rmse || this == mae || this == calibrationError;
    }
}
