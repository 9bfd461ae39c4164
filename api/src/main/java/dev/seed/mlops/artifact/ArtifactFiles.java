package dev.seed.mlops.artifact;

/** File names inside an artifact or snapshot directory. */
public final class ArtifactFiles {
    public static final String MANIFEST = "manifest.json";
    public static final String PROFILE = "profile.json";
    public static final String XGBOOST_MODEL = "model.xgb";
    public static final String ONNX_MODEL = "model.onnx";
    public static final String TRAIN_SPLIT = "train.csv";
    public static final String VALIDATION_SPLIT = "validation.csv";
    public static final String TEST_SPLIT = "test.csv";
    public static final String VALIDATION_REPORT = "validation-report.json";
    /** In a snapshot: the Dataset spec (schema, split, validation) it was prepared with, so it describes itself. */
    public static final String DATASET_SPEC = "dataset.json";
    /** In a snapshot of a Dataset with transforms: the transforms fitted on its training split (FittedTransforms). */
    public static final String TRANSFORMS = "transforms.json";
    /** The feature name under which the model's output appears in profiles and drift scores. */
    public static final String PREDICTION = "_prediction";

    private ArtifactFiles() {
    }
}
