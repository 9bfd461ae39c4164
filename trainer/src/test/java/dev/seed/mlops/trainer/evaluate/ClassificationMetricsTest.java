package dev.seed.mlops.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference values are the examples of scikit-learn's documentation, or worked out by hand in the comments. */
class ClassificationMetricsTest {

    @Test
    void aucOfTheScikitLearnExample() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        assertThat(ClassificationMetrics.auc(new double[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}, 1))
                .isCloseTo(0.75, offset(1e-12));
    }

    @Test
    void aucCountsTiesAsHalf() {
        // pairs (positive, negative): (0.5, 0.5) tie = 0.5, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1 -> 3.5 / 4
        assertThat(ClassificationMetrics.auc(new double[] {1, 0, 1, 0}, new double[] {0.5, 0.5, 0.9, 0.2}, 1))
                .isCloseTo(0.875, offset(1e-12));
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(ClassificationMetrics.auc(new double[] {1, 1}, new double[] {0.2, 0.3}, 1)).isNaN();
    }

    @Test
    void binaryMetrics() {
        // labels 1 0 0 1 1 0, predicted (p >= 0.5) 1 0 1 1 0 0: TP 2, FP 1, FN 1, TN 2
        double[] labels = {1, 0, 0, 1, 1, 0};
        double[] p = {0.9, 0.1, 0.6, 0.7, 0.4, 0.2};
        Map<String, Double> metrics = ClassificationMetrics.binary(labels, p);
        assertThat(metrics.get("accuracy")).isCloseTo(4.0 / 6, offset(1e-12));
        assertThat(metrics.get("precision")).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(metrics.get("recall")).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(metrics.get("f1")).isCloseTo(2.0 / 3, offset(1e-12));
        // positives 0.9 0.7 0.4 against negatives 0.1 0.6 0.2: 3 + 3 + 2 = 8 of 9 pairs
        assertThat(metrics.get("auc")).isCloseTo(8.0 / 9, offset(1e-12));
        double logLoss = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.4) + Math.log(0.7) + Math.log(0.4) + Math.log(0.8)) / 6;
        assertThat(metrics.get("logLoss")).isCloseTo(logLoss, offset(1e-12));
    }

    @Test
    void logLossOfTheScikitLearnExample() {
        // sklearn.metrics.log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) == 0.21616...
        Map<String, Double> metrics = ClassificationMetrics.binary(new double[] {1, 0, 0, 1}, new double[] {0.9, 0.1, 0.2, 0.65});
        assertThat(metrics.get("logLoss")).isCloseTo(0.21616187468057912, offset(1e-12));
    }

    @Test
    void noPredictedPositivesGivesZeroPrecisionNotNaN() {
        Map<String, Double> metrics = ClassificationMetrics.binary(new double[] {1, 0}, new double[] {0.1, 0.2});
        assertThat(metrics.get("precision")).isZero();
        assertThat(metrics.get("f1")).isZero();
    }

    @Test
    void logLossClipsCertainMistakes() {
        Map<String, Double> metrics = ClassificationMetrics.binary(new double[] {1, 0}, new double[] {0.0, 0.0});
        assertThat(metrics.get("logLoss")).isCloseTo(-Math.log(1e-15) / 2, offset(1e-9));
    }

    @Test
    void multiclassMacroAverages() {
        // labels 0 1 2 2, predicted 0 2 2 2
        double[] labels = {0, 1, 2, 2};
        double[][] p = {{0.7, 0.2, 0.1}, {0.2, 0.3, 0.5}, {0.1, 0.1, 0.8}, {0.2, 0.2, 0.6}};
        Map<String, Double> metrics = ClassificationMetrics.multiclass(labels, p);
        assertThat(metrics.get("accuracy")).isCloseTo(0.75, offset(1e-12));
        // precision: class 0 1/1, class 1 0 (none predicted), class 2 2/3
        assertThat(metrics.get("precision")).isCloseTo((1 + 0 + 2.0 / 3) / 3, offset(1e-12));
        // recall: 1, 0, 1
        assertThat(metrics.get("recall")).isCloseTo(2.0 / 3, offset(1e-12));
        // f1: 1, 0, 0.8
        assertThat(metrics.get("f1")).isCloseTo(1.8 / 3, offset(1e-12));
        // one-vs-rest AUC: class 0 = 1, class 1 = 1 (0.3 above 0.2, 0.1, 0.2), class 2: positives 0.8 0.6 vs 0.1 0.5 = 1
        assertThat(metrics.get("auc")).isCloseTo(1.0, offset(1e-12));
        double logLoss = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.8) + Math.log(0.6)) / 4;
        assertThat(metrics.get("logLoss")).isCloseTo(logLoss, offset(1e-12));
    }
}
