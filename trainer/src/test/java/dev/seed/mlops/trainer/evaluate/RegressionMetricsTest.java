package dev.seed.mlops.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    @Test
    void scikitLearnDocumentationExample() {
        // y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8]: MSE 0.375, MAE 0.5, R² 0.9486081370449679
        Map<String, Double> metrics = RegressionMetrics.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});
        assertThat(metrics.get("rmse")).isCloseTo(Math.sqrt(0.375), offset(1e-12));
        assertThat(metrics.get("mae")).isCloseTo(0.5, offset(1e-12));
        assertThat(metrics.get("r2")).isCloseTo(0.9486081370449679, offset(1e-12));
    }

    @Test
    void predictingTheMeanScoresZeroR2() {
        assertThat(RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {2, 2, 2}).get("r2")).isCloseTo(0.0, offset(1e-12));
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
