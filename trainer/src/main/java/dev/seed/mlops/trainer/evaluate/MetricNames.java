package dev.seed.mlops.trainer.evaluate;

import dev.seed.mlops.api.v1alpha1.Metric;

/** Metric keys as reported, spelled as the TrainingJob API's {@link Metric} values so gates can read them. */
public final class MetricNames {
    public static final String AUC = Metric.auc.name();
    public static final String ACCURACY = Metric.accuracy.name();
    public static final String PRECISION = Metric.precision.name();
    public static final String RECALL = Metric.recall.name();
    public static final String F1 = Metric.f1.name();
    public static final String LOG_LOSS = Metric.logLoss.name();
    public static final String RMSE = Metric.rmse.name();
    public static final String MAE = Metric.mae.name();
    public static final String R2 = Metric.r2.name();
    /** Prefix of the champion's metrics, scored on the same test split: champion.auc, ... */
    public static final String CHAMPION_PREFIX = "champion.";

    private MetricNames() {
    }
}
