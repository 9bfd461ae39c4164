package dev.seed.mlops.serving.model;

import dev.seed.mlops.features.FeaturePipeline;

/**
 * A loaded model version: its artifact, the schema requests follow, the transforms (if any) that turn a request's raw
 * columns into the model's features, and the engine that runs it.
 */
public final class ServedModel implements AutoCloseable {

    private final ModelArtifact artifact;
    private final FeatureSchema schema;
    private final FeatureSchema modelSchema;
    private final FeaturePipeline transforms;
    private final InferenceEngine engine;
    private final Explainer explainer;

    public ServedModel(ModelArtifact artifact, FeatureSchema schema, InferenceEngine engine) {
        this.artifact = artifact;
        this.schema = schema;
        this.modelSchema = FeatureSchema.modelInputs(artifact.manifest());
        this.transforms = artifact.manifest().transforms() == null ? null : artifact.manifest().transforms().compile();
        this.engine = engine;
        this.explainer = new Explainer(artifact);
    }

    /** Predictions for every row of the batch, {@link ModelArtifact#outputWidth()} values per row. */
    public float[] predict(FeatureBatch batch) {
        return predict(modelInput(batch), batch.rows());
    }

    /** Predictions for rows of model input ({@link #modelInput}), for a caller that also keeps that input. */
    public float[] predict(float[] modelInput, int rows) {
        float[] out = new float[rows * artifact.outputWidth()];
        engine.predict(modelInput, rows, out);
        return out;
    }

    /**
     * The model's features for every row of the batch, row-major: the batch's values, or for a model with transforms
     * what the features module computes from the values the client sent (the code the trainer trained through).
     */
    public float[] modelInput(FeatureBatch batch) {
        if (transforms == null) {
            return batch.values();
        }
        int inputs = schema.size();
        int width = modelSchema.size();
        float[] features = new float[batch.rows() * width];
        double[] row = transforms.newRow();
        for (int r = 0; r < batch.rows(); r++) {
            for (int i = 0; i < inputs; i++) {
                row[i] = batch.exactValue(r, i);
            }
            transforms.transform(row, features, r * width);
        }
        return features;
    }

    /** The model's own inputs, after any transforms: what its engine and its explanations are in terms of. */
    public FeatureSchema modelSchema() {
        return modelSchema;
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
