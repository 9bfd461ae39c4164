package dev.seed.mlops.serving.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Agreement, |Δ| and comparable bins of known pairs of answers, one rule per task. */
class ShadowComparisonTest {

    @Test
    void binaryRowsAgreeWhenBothProbabilitiesFallOnTheSameSideOfOneHalf() {
        float[] stable = {0.10f, 0.49f, 0.50f, 0.97f};
        float[] shadow = {0.30f, 0.51f, 0.99f, 0.96f};
        ShadowComparison c = ShadowComparison.compare("binary", 1, 0.05, stable, shadow, 4);
        assertThat(c.rows()).isEqualTo(4);
        assertThat(c.agreeingRows()).isEqualTo(3); // 0.49 vs 0.51 cross the threshold
        assertThat(c.absDeltas()[0]).isCloseTo(0.20f, within(1e-6f));
        assertThat(c.absDeltas()[1]).isCloseTo(0.02f, within(1e-6f));
        assertThat(c.stableBins()).containsExactly(2, 9, 10, 19);
        assertThat(c.shadowBins()).containsExactly(6, 10, 19, 19);
    }

    @Test
    void multiclassRowsAgreeOnTheSameArgmaxAndDeltaIsTheLargestClassDifference() {
        float[] stable = {0.7f, 0.2f, 0.1f, 0.3f, 0.4f, 0.3f};
        float[] shadow = {0.5f, 0.4f, 0.1f, 0.5f, 0.3f, 0.2f};
        ShadowComparison c = ShadowComparison.compare("multiclass", 3, 0.05, stable, shadow, 2);
        assertThat(c.agreeingRows()).isEqualTo(1);
        assertThat(c.absDeltas()[0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(c.absDeltas()[1]).isCloseTo(0.2f, within(1e-6f));
        assertThat(c.stableBins()).containsExactly(0, 1);
        assertThat(c.shadowBins()).containsExactly(0, 0);
    }

    @Test
    void regressionRowsAgreeWithinTheRelativeToleranceOfTheLargerValue() {
        float[] stable = {100f, 100f, 0f, -10f};
        float[] shadow = {104f, 106f, 0f, 10f};
        ShadowComparison c = ShadowComparison.compare("regression", 1, 0.05, stable, shadow, 4);
        assertThat(c.agreeingRows()).isEqualTo(2); // 4 <= 5.2 agrees, 6 > 5.3 does not, 0 == 0, opposite signs not
        assertThat(c.absDeltas()).containsExactly(4f, 6f, 0f, 20f);
        assertThat(c.stableBins()).isEmpty();
    }
}
