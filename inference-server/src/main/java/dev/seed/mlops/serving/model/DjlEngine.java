package dev.seed.mlops.serving.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import dev.seed.mlops.artifact.ModelManifest.OnnxSignature;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The general engine: any model DJL loads, through DJL's XGBoost or ONNX Runtime engine. It is also the
 * reference the tree-ensemble fast path is checked against.
 */
public final class DjlEngine implements InferenceEngine {

    static {
        // Belt and braces: nothing may be downloaded at run time, whatever the command line said.
        System.setProperty("ai.djl.offline", "true");
    }

    /** XGBoost's PredictionType option mask for feature contributions. */
    private static final int XGBOOST_PREDICT_CONTRIBUTIONS = 4;

    private final String name;
    private final int featureCount;
    private final int outputWidth;
    private final Model model;
    private final PredictorPool predictors;
    private final OutputReader outputReader;

    private DjlEngine(String name, ModelArtifact artifact, Model model, OutputReader outputReader) {
        this(name, artifact, artifact.outputWidth(), model, outputReader);
    }

    private DjlEngine(String name, ModelArtifact artifact, int outputWidth, Model model, OutputReader outputReader) {
        this.name = name;
        this.featureCount = artifact.featureCount();
        this.outputWidth = outputWidth;
        this.model = model;
        this.predictors = new PredictorPool(model);
        this.outputReader = outputReader;
    }

    /** Loads an XGBoost model file (JSON, UBJ or the legacy binary format) with DJL's XGBoost engine. */
    public static DjlEngine xgboost(ModelArtifact artifact) {
        Model model = load(artifact, "XGBoost", Map.of());
        return new DjlEngine("djl-xgboost", artifact, model, (outputs, rows) -> outputs.singletonOrThrow().toFloatArray());
    }

    /**
     * XGBoost's TreeSHAP ({@code pred_contribs}) for an XGBoost model: per row and output (class), one contribution
     * per feature then the bias, in margin units (log-odds for classifiers); they add up to the row's margin.
     * <p>
     * DJL's XGBoost engine 0.35.0 hands XGBoosterPredict its tree limit as the option mask and its mode as the
     * tree limit (JniUtils.inference), so its {@code Mode=CONTRIB} predicts plainly with 4 trees. The tree limit
     * option set to XGBoost's contributions flag (4), with the default mode (0 = every tree), asks for what
     * pred_contribs computes. A DJL that fixes the order fails the width check of {@link #predict} and
     * ProtocolExtensionsTest, never silently.
     */
    public static DjlEngine xgboostContributions(ModelArtifact artifact) {
        Model model = load(artifact, "XGBoost", Map.of("TreeLimit", Integer.toString(XGBOOST_PREDICT_CONTRIBUTIONS)));
        return new DjlEngine("djl-xgboost-contributions", artifact,
                artifact.outputWidth() * (artifact.featureCount() + 1), model,
                (outputs, rows) -> outputs.singletonOrThrow().toFloatArray());
    }

    /**
     * Loads an ONNX model with DJL's ONNX Runtime engine. One intra-op thread: these models are small and
     * concurrency comes from requests, so a thread pool per call would only add hand-offs.
     */
    public static DjlEngine onnx(ModelArtifact artifact) {
        Model model = load(artifact, "OnnxRuntime", Map.of("interOpNumThreads", "1", "intraOpNumThreads", "1"));
        OnnxSignature signature = artifact.manifest().onnx();
        boolean binary = "binary".equals(artifact.manifest().task());
        return new DjlEngine("djl-onnxruntime", artifact, model, (outputs, rows) -> {
            NDArray output = outputs.get(signature.output());
            if (output == null) {
                throw new InvalidArtifactException("the ONNX model has no output named " + signature.output());
            }
            float[] values = output.toType(DataType.FLOAT32, false).toFloatArray();
            return signature.outputIsProba() && binary ? positiveClass(values, rows) : values;
        });
    }

    private static Model load(ModelArtifact artifact, String engine, Map<String, String> options) {
        Model model = Model.newInstance(artifact.name(), engine);
        try {
            model.load(artifact.directory(), artifact.manifest().modelFile(), options);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InvalidArtifactException("DJL's " + engine + " engine cannot load " + artifact.modelFile()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A binary classifier's probabilities come as [rows, 2]; the prediction is the second column. */
    private static float[] positiveClass(float[] probabilities, int rows) {
        if (probabilities.length != rows * 2) {
            return probabilities;
        }
        float[] positive = new float[rows];
        for (int r = 0; r < rows; r++) {
            positive[r] = probabilities[r * 2 + 1];
        }
        return positive;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void predict(float[] features, int rows, float[] out) {
        Predictor<NDList, NDList> predictor = predictors.borrow();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(FloatBuffer.wrap(features, 0, rows * featureCount), new Shape(rows, featureCount));
            NDList outputs = predictor.predict(new NDList(input));
            float[] result = outputReader.read(outputs, rows);
            if (result.length != rows * outputWidth) {
                throw new IllegalStateException(name + " returned " + result.length + " values for " + rows
                        + " rows of " + outputWidth + " outputs; the manifest's task does not match the model");
            }
            System.arraycopy(result, 0, out, 0, result.length);
        } catch (TranslateException e) {
            throw new IllegalStateException(name + " failed to predict: " + e.getMessage(), e);
        } finally {
            predictors.giveBack(predictor);
        }
    }

    @Override
    public void close() {
        predictors.close();
        model.close();
    }

    @FunctionalInterface
    private interface OutputReader {
        float[] read(NDList outputs, int rows);
    }
}
