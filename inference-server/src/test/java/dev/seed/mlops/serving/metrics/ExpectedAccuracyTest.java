package dev.seed.mlops.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimate against the accuracy realised on labels: labels drawn with the model's own probabilities (a calibrated
 * model) make the two agree; a miscalibrated model's estimate is off, which is why the calibration error is exported.
 */
class ExpectedAccuracyTest {
    private static final int ROWS = 200_000;

    @Test
    void onACalibratedBinaryModelTheEstimateMeetsTheRealisedAccuracy() {
        SplittableRandom random = new SplittableRandom(7);
        float[] p = new float[ROWS];
        long right = 0;
        for (int i = 0; i < ROWS; i++) {
            p[i] = (float) random.nextDouble();
            boolean positive = random.nextDouble() < p[i];
            right += (p[i] >= 0.5f) == positive ? 1 : 0;
        }

        double estimate = estimate(p, ROWS, 1);

        // the realised accuracy of uniform calibrated probabilities is 0.75; both sit within sampling noise of it
        assertThat(estimate).isCloseTo((double) right / ROWS, offset(0.005));
    }

    @Test
    void anOverconfidentModelsEstimateIsTooHigh() {
        SplittableRandom random = new SplittableRandom(11);
        float[] claimed = new float[ROWS];
        long right = 0;
        for (int i = 0; i < ROWS; i++) {
            double truth = random.nextDouble();
            // the model pushes every probability towards 0 or 1: it claims more confidence than it has
            claimed[i] = (float) (truth < 0.5 ? truth / 4 : 1 - (1 - truth) / 4);
            boolean positive = random.nextDouble() < truth;
            right += (claimed[i] >= 0.5f) == positive ? 1 : 0;
        }

        assertThat(estimate(claimed, ROWS, 1) - (double) right / ROWS).isGreaterThan(0.15);
    }

    @Test
    void aMulticlassRowCountsTheProbabilityOfItsPredictedClass() {
        float[] p = {0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f};

        assertThat(ExpectedAccuracy.confidenceSum(p, 2, 3)).isCloseTo(1.3, offset(1e-6));
    }

    @Test
    void aBinaryRowCountsTheProbabilityOfTheClassItIsPredictedAs() {
        assertThat(ExpectedAccuracy.confidenceSum(new float[] {0.9f, 0.2f, 0.5f}, 3, 1)).isCloseTo(0.9 + 0.8 + 0.5, offset(1e-6));
    }

    private static double estimate(float[] p, int rows, int classes) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ExpectedAccuracy accuracy = new ExpectedAccuracy(registry, Tags.of("model", "m", "version", "1"), classes);
        for (int from = 0; from < rows; from += 1000) {
            float[] batch = Arrays.copyOfRange(p, from, from + 1000);
            accuracy.record(batch, batch.length);
        }
        return registry.get("mlops.inference.expected.correct.rows").counter().count() / rows;
    }
}
