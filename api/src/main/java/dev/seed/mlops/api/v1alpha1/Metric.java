package dev.seed.mlops.api.v1alpha1;

/** Evaluation metrics the trainer reports on the test split. */
public enum Metric {
    auc, accuracy, precision, recall, f1, logLoss, rmse, mae, r2
}
