package dev.seed.mlops.serving.model;

import dev.seed.mlops.serving.config.ServingConfig.EngineChoice;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Opens the engine for an artifact. XGBoost models are compiled into the tree-ensemble fast path when it
 * reproduces DJL's predictions on probe rows; otherwise, and for ONNX, DJL serves.
 */
public final class EngineSelector {

    private static final Logger LOG = Logger.getLogger(EngineSelector.class);
    private static final int PROBE_ROWS = 256;
    /** Float sums of a few hundred leaves may differ in the last bits; anything larger is a real mismatch. */
    private static final float TOLERANCE = 1e-5f;

    private final XgboostTreeCompiler compiler;

    public EngineSelector(XgboostTreeCompiler compiler) {
        this.compiler = compiler;
    }

    public InferenceEngine open(ModelArtifact artifact, FeatureSchema schema, EngineChoice choice) {
        if (artifact.isOnnx()) {
            return DjlEngine.onnx(artifact);
        }
        DjlEngine djl = DjlEngine.xgboost(artifact);
        if (choice == EngineChoice.DJL) {
            return djl;
        }
        XgboostTreeCompiler.Result compiled = compiler.compile(artifact);
        Optional<TreeEnsemble> ensemble = compiled.ensemble();
        if (ensemble.isEmpty()) {
            LOG.infof("serving %s with DJL: %s", artifact.modelFile(), compiled.unsupportedBecause());
            return djl;
        }
        String disagreement = disagreement(ensemble.get(), djl, artifact, schema);
        if (disagreement != null) {
            LOG.warnf("serving %s with DJL: the fast path disagrees with it (%s)", artifact.modelFile(), disagreement);
            return djl;
        }
        LOG.infof("serving %s with the tree-ensemble fast path (%d trees), checked against DJL on %d rows",
                artifact.modelFile(), ensemble.get().treeCount(), PROBE_ROWS);
        djl.close();
        return ensemble.get();
    }

    /** Where the two engines' answers on probe rows differ by more than float rounding, or null. */
    static String disagreement(InferenceEngine candidate, InferenceEngine reference, ModelArtifact artifact,
            FeatureSchema schema) {
        float[] rows = ProbeRows.generate(schema, artifact.profile(), PROBE_ROWS);
        float[] expected = new float[PROBE_ROWS * artifact.outputWidth()];
        float[] actual = new float[expected.length];
        reference.predict(rows, PROBE_ROWS, expected);
        candidate.predict(rows, PROBE_ROWS, actual);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= TOLERANCE * Math.max(1f, Math.abs(expected[i])))) {
                return "output " + i + ": " + actual[i] + " vs " + expected[i];
            }
        }
        return null;
    }
}
