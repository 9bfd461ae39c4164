package dev.seed.mlops.trainer.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test-split metrics of a regressor: RMSE, MAE and R² (1 - residual / total sum of squares). */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    public static Map<String, Double> of(double[] labels, double[] predicted) {
        if (labels.length != predicted.length || labels.length == 0) {
            throw new IllegalArgumentException("need as many predictions as labels, at least one: "
                    + labels.length + " vs " + predicted.length);
        }
        double mean = 0;
        for (double label : labels) {
            mean += label;
        }
        mean /= labels.length;
        double squaredError = 0;
        double absoluteError = 0;
        double totalSquares = 0;
        for (int i = 0; i < labels.length; i++) {
            double error = labels[i] - predicted[i];
            squaredError += error * error;
            absoluteError += Math.abs(error);
            totalSquares += (labels[i] - mean) * (labels[i] - mean);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.RMSE, Math.sqrt(squaredError / labels.length));
        metrics.put(MetricNames.MAE, absoluteError / labels.length);
        metrics.put(MetricNames.R2, totalSquares == 0 ? Double.NaN : 1 - squaredError / totalSquares);
        return metrics;
    }
}
