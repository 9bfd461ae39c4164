package dev.seed.mlops.trainer.train;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import dev.seed.mlops.features.FeaturePipeline;
import dev.seed.mlops.features.FittedTransforms;
import dev.seed.mlops.features.TypedColumn;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Column;
import dev.seed.mlops.trainer.data.NumericColumn;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.features.RawColumns;
import dev.seed.mlops.trainer.prepare.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a table into the dense float matrix a model takes, following a manifest's features: in the manifest's
 * order, numbers as they are, a category as its index in the manifest's list, missing and unknown values as NaN.
 * This is the encoding every server must apply to requests, so it lives in one place here. A model with transforms
 * (manifest format 2) takes the table's raw columns through the features module's pipeline instead, the code the
 * inference server and batch prediction run.
 */
public final class FeatureEncoder {
    private final List<ManifestFeature> features;
    private final FittedTransforms transforms;
    private final FeaturePipeline pipeline;

    public FeatureEncoder(List<ManifestFeature> features) {
        this(features, null);
    }

    private FeatureEncoder(List<ManifestFeature> features, FittedTransforms transforms) {
        this.features = List.copyOf(features);
        this.transforms = transforms;
        this.pipeline = transforms == null ? null : transforms.compile();
    }

    /** The encoder of a model: its features, through its transforms when it has some. */
    public static FeatureEncoder of(ModelManifest manifest) {
        return new FeatureEncoder(manifest.features(), manifest.transforms());
    }

    /** The encoder of a model trained on a snapshot: its schema's features, or what its fitted transforms make of them. */
    public static FeatureEncoder of(Snapshot snapshot) {
        return snapshot.transforms()
                .map(fitted -> new FeatureEncoder(manifestFeatures(fitted.compile().features()), fitted))
                .orElseGet(() -> new FeatureEncoder(manifestFeatures(snapshot.profile())));
    }

    /** A model's features from a snapshot profile: the schema's order, categories as the profile lists them. */
    public static List<ManifestFeature> manifestFeatures(DataProfile profile) {
        return profile.features().stream()
                .map(feature -> new ManifestFeature(feature.name(), feature.type(), feature.categories()))
                .toList();
    }

    private static List<ManifestFeature> manifestFeatures(List<TypedColumn> columns) {
        return columns.stream()
                .map(column -> new ManifestFeature(column.name(), column.type().name(), column.categories()))
                .toList();
    }

    /** The model's input features, in the order it takes them. */
    public List<ManifestFeature> features() {
        return features;
    }

    /** The fitted transforms the model applies to raw columns, or null. */
    public FittedTransforms transforms() {
        return transforms;
    }

    public int width() {
        return features.size();
    }

    /** Row-major: value (row, feature) is at row * width() + feature. */
    public float[] encode(Table table) {
        if (pipeline != null) {
            return new RawColumns(pipeline.inputs(), table).transform(pipeline, table.rows());
        }
        Map<String, Column> columns = new HashMap<>();
        table.features().forEach(column -> columns.put(column.name(), column));
        int width = features.size();
        float[] matrix = new float[table.rows() * width];
        for (int f = 0; f < width; f++) {
            ManifestFeature feature = features.get(f);
            Column column = columns.get(feature.name());
            if (column == null || !column.type().name().equals(feature.type())) {
                throw new TrainerException("the model takes " + feature.type() + " feature '" + feature.name()
                        + "', which the data does not have as " + feature.type());
            }
            if (column instanceof NumericColumn numeric) {
                for (int row = 0; row < table.rows(); row++) {
                    matrix[row * width + f] = (float) numeric.get(row);
                }
            } else {
                CategoricalColumn categorical = (CategoricalColumn) column;
                float[] indexByCode = categoryIndexes(categorical.dictionary(), feature.categories());
                for (int row = 0; row < table.rows(); row++) {
                    int code = categorical.code(row);
                    matrix[row * width + f] = code == CategoricalColumn.MISSING ? Float.NaN : indexByCode[code];
                }
            }
        }
        return matrix;
    }

    private static float[] categoryIndexes(List<String> dictionary, List<String> categories) {
        Map<String, Integer> indexByValue = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            indexByValue.put(categories.get(i), i);
        }
        float[] indexes = new float[dictionary.size()];
        for (int code = 0; code < dictionary.size(); code++) {
            Integer index = indexByValue.get(dictionary.get(code));
            indexes[code] = index == null ? Float.NaN : index;
        }
        return indexes;
    }
}
