package dev.seed.mlops.trainer.train;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Column;
import dev.seed.mlops.trainer.data.NumericColumn;
import dev.seed.mlops.trainer.data.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a table into the dense float matrix a model takes, following a manifest's features: in the manifest's
 * order, numbers as they are, a category as its index in the manifest's list, missing and unknown values as NaN.
 * This is the encoding every server must apply to requests, so it lives in one place here.
 */
public final class FeatureEncoder {
    private final List<ManifestFeature> features;

    public FeatureEncoder(List<ManifestFeature> features) {
        this.features = List.copyOf(features);
    }

    /** A model's features from a snapshot profile: the schema's order, categories as the profile lists them. */
    public static List<ManifestFeature> manifestFeatures(DataProfile profile) {
        return profile.features().stream()
                .map(feature -> new ManifestFeature(feature.name(), feature.type(), feature.categories()))
                .toList();
    }

    public int width() {
        return features.size();
    }

    /** Row-major: value (row, feature) is at row * width() + feature. */
    public float[] encode(Table table) {
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
