package dev.seed.mlops.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * A label-free estimate of a classifier's accuracy, in the style of NannyML's confidence-based performance estimation:
 * if the predicted probabilities are calibrated, a row predicted with confidence c (the probability of the class it
 * is predicted as) is right with probability c, so the expected number of right answers is the sum of the
 * confidences. The server only counts that sum, {@code mlops_inference_expected_correct_rows_total}; divided by
 * {@code mlops_inference_predicted_rows_total} over the same range, summed over every pod, it is the estimate pooled
 * across pods (the chart's recording rule {@code mlops:model_accuracy_estimate:rate1h}). Only as good as the
 * calibration: the trainer's {@code calibrationError}, exported by {@link ModelMetrics#registerCalibration}, says how far
 * to trust it.
 */
public final class ExpectedAccuracy {
    private final Counter expectedCorrect;
    private final int classes;

    /** @param classes 1 for a binary classifier (one probability of class 1 per row), else the class count */
    public ExpectedAccuracy(MeterRegistry registry, Tags modelTags, int classes) {
        this.classes = classes;
        this.expectedCorrect = Counter.builder("mlops.inference.expected.correct.rows")
                .description("Sum over predicted rows of the probability of the predicted class: the rows expected to be"
                        + " right if the model is calibrated")
                .tags(modelTags)
                .register(registry);
    }

    /** Adds the confidence of every row of a predicted batch. */
    public void record(float[] predictions, int rows) {
        expectedCorrect.increment(confidenceSum(predictions, rows, classes));
    }

    /** The sum over rows of the predicted class's probability: max(p, 1 - p) for binary, the largest p otherwise. */
    static double confidenceSum(float[] predictions, int rows, int classes) {
        double sum = 0;
        if (classes == 1) {
            for (int row = 0; row < rows; row++) {
                float p = predictions[row];
                sum += Math.max(p, 1 - p);
            }
            return sum;
        }
        for (int row = 0; row < rows; row++) {
            float best = 0;
            for (int k = row * classes; k < (row + 1) * classes; k++) {
                best = Math.max(best, predictions[k]);
            }
            sum += best;
        }
        return sum;
    }
}
