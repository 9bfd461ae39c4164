package dev.seed.mlops.serving.model;

/**
 * Per-feature contributions to predictions (XGBoost's TreeSHAP, {@code pred_contribs}), for XGBoost models. The
 * booster that computes them ({@link DjlEngine#xgboostContributions}) is a second load of the model file in DJL's XGBoost engine, made on the first
 * explanation so that a server nobody asks for explanations pays nothing for them.
 */
public final class Explainer implements AutoCloseable {

    private final ModelArtifact artifact;
    private DjlEngine contributions;

    public Explainer(ModelArtifact artifact) {
        this.artifact = artifact;
    }

    public boolean available() {
        return artifact.isXgboost();
    }

    /**
     * Per row, per output (one for binary classifiers and regressors, one per class otherwise): the contribution of
     * each feature in the manifest's order (the model's features, {@link ServedModel#modelInput}), then the bias; they add up to the margin the prediction comes from.
     */
    public float[] explain(float[] modelInput, int rows) {
        if (!available()) {
            throw new IllegalStateException("explanations are computed for XGBoost models only");
        }
        float[] out = new float[rows * width()];
        engine().predict(modelInput, rows, out);
        return out;
    }

    /** Values per row: outputs times (features + bias). */
    public int width() {
        return artifact.outputWidth() * (artifact.featureCount() + 1);
    }

    private synchronized DjlEngine engine() {
        if (contributions == null) {
            contributions = DjlEngine.xgboostContributions(artifact);
        }
        return contributions;
    }

    @Override
    public synchronized void close() {
        if (contributions != null) {
            contributions.close();
        }
    }
}
