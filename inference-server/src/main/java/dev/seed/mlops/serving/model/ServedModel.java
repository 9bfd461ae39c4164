package dev.seed.mlops.serving.model;

/** A loaded model version: its artifact, its input schema and the engine that runs it. */
public final class ServedModel implements AutoCloseable {

    private final ModelArtifact artifact;
    private final FeatureSchema schema;
    private final InferenceEngine engine;
    private final Explainer explainer;

    public ServedModel(ModelArtifact artifact, FeatureSchema schema, InferenceEngine engine) {
        this.artifact = artifact;
        this.schema = schema;
        this.engine = engine;
        this.explainer = new Explainer(artifact);
    }

    /** Predictions for every row of the batch, {@link ModelArtifact#outputWidth()} values per row. */
    public float[] predict(FeatureBatch batch) {
        float[] out = new float[batch.rows() * artifact.outputWidth()];
        engine.predict(batch.values(), batch.rows(), out);
        return out;
    }

    public Explainer explainer() {
        return explainer;
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public InferenceEngine engine() {
        return engine;
    }

    public String name() {
        return artifact.name();
    }

    public String version() {
        return artifact.version();
    }

    public int outputWidth() {
        return artifact.outputWidth();
    }

    @Override
    public void close() {
        engine.close();
        explainer.close();
    }
}
