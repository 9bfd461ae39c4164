package dev.seed.mlops.serving.model;

/** Runs the model on a batch of encoded rows. Implementations are safe to call from many threads. */
public interface InferenceEngine extends AutoCloseable {

    /** A short name for metrics and logs, e.g. djl-xgboost. */
    String name();

    /**
     * Predicts {@code rows} rows of {@code features} (row-major, manifest order, NaN = missing) into {@code out}:
     * {@link ModelArtifact#outputWidth()} values per row (the positive-class probability for a binary model,
     * the class probabilities for a multiclass one, the value for a regression).
     */
    void predict(float[] features, int rows, float[] out);

    @Override
    void close();
}
