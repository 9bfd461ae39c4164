package dev.seed.mlops.artifact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.seed.mlops.features.FittedTransforms;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: everything a server needs to turn a request into model input and check the model file.
 *
 * @param formatVersion version of this manifest format; readers refuse versions they do not know
 * @param format        xgboost or onnx
 * @param modelFile     file name of the model inside the artifact directory
 * @param modelSha256   sha256 of the model file, 64 lowercase hex digits
 * @param task          binary, multiclass or regression
 * @param numClasses    number of classes for classification, 1 for regression
 * @param label         name of the label the model predicts
 * @param features      input features in the order the model takes them, with categorical encodings
 * @param metrics       test-split metrics at training time
 * @param datasetDigest sha256:&lt;hex&gt; of the Dataset snapshot the model was trained on, if any
 * @param onnx          tensor names of an ONNX model, if format is onnx
 * @param createdAt     RFC 3339 time the artifact was written
 * @param createdBy     the program that wrote it, e.g. mlops-trainer 0.1.0
 * @param transforms    the feature transforms fitted on the training split (format 2): requests carry their raw
 *                      {@code inputs}, and {@code features} are what the transforms make of them; null in format 1,
 *                      where requests carry the features themselves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
        int formatVersion,
        String format,
        String modelFile,
        String modelSha256,
        String task,
        int numClasses,
        String label,
        List<ManifestFeature> features,
        Map<String, Double> metrics,
        String datasetDigest,
        OnnxSignature onnx,
        String createdAt,
        String createdBy,
        FittedTransforms transforms) {

    /** Format 2 adds {@code transforms}; the trainer still writes a manifest without them as format 1, which older readers take. */
    public static final int CURRENT_FORMAT_VERSION = 2;
    public static final int FORMAT_WITHOUT_TRANSFORMS = 1;

    /** A manifest without transforms (format 1). */
    public ModelManifest(int formatVersion, String format, String modelFile, String modelSha256, String task,
            int numClasses, String label, List<ManifestFeature> features, Map<String, Double> metrics,
            String datasetDigest, OnnxSignature onnx, String createdAt, String createdBy) {
        this(formatVersion, format, modelFile, modelSha256, task, numClasses, label, features, metrics, datasetDigest,
                onnx, createdAt, createdBy, null);
    }

    /**
     * The features a request (or a batch input row) carries: the raw columns the transforms start from, or, without
     * transforms, the model's features themselves.
     */
    public List<ManifestFeature> requestFeatures() {
        if (transforms == null) {
            return features;
        }
        return transforms.inputs().stream()
                .map(input -> new ManifestFeature(input.name(), input.type().name(), input.categories()))
                .toList();
    }

    /**
     * One input feature.
     *
     * @param name         name in requests and in the source data
     * @param type         numeric or categorical
     * @param categories   for a categorical feature, its known values; a value is encoded as its index here,
     *                     an unknown value as missing
     * @param allowMissing whether the model accepts a missing value (null, NaN or an unknown category) for this
     *                     feature; absent means true, as XGBoost routes missing values; false for models that
     *                     cannot take NaN (many ONNX exports), so servers reject such requests with a 4xx
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ManifestFeature(String name, String type, List<String> categories, Boolean allowMissing) {

        /** A feature whose missing values the model accepts (the default). */
        public ManifestFeature(String name, String type, List<String> categories) {
            this(name, type, categories, null);
        }
    }

    /**
     * Tensor names of an ONNX model that takes one float tensor [batch, features].
     *
     * @param input         name of the input tensor
     * @param output        name of the output holding the prediction (probabilities or value)
     * @param outputIsProba whether the output holds class probabilities (one column per class)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OnnxSignature(String input, String output, boolean outputIsProba) {
    }
}
