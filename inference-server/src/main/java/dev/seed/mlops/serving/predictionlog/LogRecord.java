package dev.seed.mlops.serving.predictionlog;

import dev.seed.mlops.serving.model.FeatureBatch;

/**
 * What the request path hands the writer: references only (the batch and the predictions are the request's own,
 * never reused after it), so queueing costs no copy and no formatting; the writer thread turns them into lines.
 */
public sealed interface LogRecord {

    /** Lines this record becomes: one per row of a prediction, one for a label. */
    int lines();

    /**
     * The rows a request predicted.
     *
     * @param id          the request id; a row's id is this for a one-row request, {@code <id>#<row>} otherwise
     * @param timeMillis  when the prediction was made
     * @param predictions {@code width} values per row
     */
    record Prediction(String id, long timeMillis, String model, String version, FeatureBatch batch,
            float[] predictions, int width) implements LogRecord {

        @Override
        public int lines() {
            return batch.rows();
        }
    }

    /**
     * Ground truth for one prediction id.
     *
     * @param label          a {@link Double} or a {@link String}
     * @param timeMillis     when the labelled event happened (as the client said), or when the label was received
     * @param receivedMillis when this pod received it
     */
    record Label(String id, Object label, long timeMillis, long receivedMillis) implements LogRecord {

        @Override
        public int lines() {
            return 1;
        }
    }
}
