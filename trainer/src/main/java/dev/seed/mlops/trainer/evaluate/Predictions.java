package dev.seed.mlops.trainer.evaluate;

import dev.seed.mlops.api.v1alpha1.TaskType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's output for each row, as XGBoost gives it: binary, the probability of class 1 (one column);
 * multiclass, the probability of each class; regression, the predicted value (one column).
 */
public record Predictions(TaskType task, float[][] rows) {

    public int size() {
        return rows.length;
    }

    /** Binary: P(class 1); multiclass: the most probable class; regression: the value. What drift watches. */
    public double[] primary() {
        double[] primary = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            primary[i] = task == TaskType.multiclass ? ClassificationMetrics.argMax(toDoubles(rows[i])) : rows[i][0];
        }
        return primary;
    }

    /** The task's metrics against the true labels; metrics undefined on these labels (NaN) are left out. */
    public Map<String, Double> metrics(double[] labels) {
        Map<String, Double> all = switch (task) {
            case binary -> ClassificationMetrics.binary(labels, primary());
            case multiclass -> ClassificationMetrics.multiclass(labels, probabilities());
            case regression -> RegressionMetrics.of(labels, primary());
        };
        Map<String, Double> defined = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (!Double.isNaN(value)) {
                defined.put(name, value);
            }
        });
        return defined;
    }

    private double[][] probabilities() {
        double[][] probabilities = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            probabilities[i] = toDoubles(rows[i]);
        }
        return probabilities;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            doubles[k] = values[k];
        }
        return doubles;
    }
}
