package dev.seed.mlops.serving.model;

import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The features a request carries, in the order a batch holds them, with the categorical encodings of manifest.json:
 * the model's inputs, or for a model with transforms the raw columns the transforms start from (then a batch also
 * keeps each value at full precision for them: {@link #keepsExactValues}).
 */
public final class FeatureSchema {

    /** Returned by {@link #categoryCode} for a value the manifest does not list. */
    public static final int UNKNOWN_CATEGORY = -1;
    /** Returned by {@link #indexOf} for a name that is not a feature. */
    public static final int NOT_A_FEATURE = -1;

    private final List<ManifestFeature> features;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<Map<String, Integer>> codesByFeature;
    private final boolean[] acceptsMissing;
    private final boolean exactValues;

    /** What requests to this model carry. */
    public FeatureSchema(ModelManifest manifest) {
        this(manifest.requestFeatures(), manifest.transforms() != null);
    }

    /** The model's own inputs: what its engine takes, after any transforms. */
    public static FeatureSchema modelInputs(ModelManifest manifest) {
        return new FeatureSchema(manifest.features(), false);
    }

    private FeatureSchema(List<ManifestFeature> features, boolean exactValues) {
        this.exactValues = exactValues;
        this.features = List.copyOf(features);
        this.acceptsMissing = new boolean[features.size()];
        this.codesByFeature = features.stream().map(FeatureSchema::codes).toList();
        for (int i = 0; i < features.size(); i++) {
            indexByName.put(features.get(i).name(), i);
            acceptsMissing[i] = !Boolean.FALSE.equals(features.get(i).allowMissing());
        }
    }

    private static Map<String, Integer> codes(ManifestFeature feature) {
        Map<String, Integer> codes = new HashMap<>();
        if (feature.categories() != null) {
            for (int i = 0; i < feature.categories().size(); i++) {
                codes.put(feature.categories().get(i), i);
            }
        }
        return codes;
    }

    public int size() {
        return features.size();
    }

    public String name(int feature) {
        return features.get(feature).name();
    }

    public List<ManifestFeature> features() {
        return features;
    }

    public int indexOf(String name) {
        return indexByName.getOrDefault(name, NOT_A_FEATURE);
    }

    public boolean isCategorical(int feature) {
        return "categorical".equals(features.get(feature).type());
    }

    public int categoryCount(int feature) {
        return codesByFeature.get(feature).size();
    }

    /** The code the model was trained with for this value, or {@link #UNKNOWN_CATEGORY}. */
    public int categoryCode(int feature, String value) {
        return codesByFeature.get(feature).getOrDefault(value, UNKNOWN_CATEGORY);
    }

    /** Whether batches keep every value as a double too, for transforms that must see what the client sent. */
    public boolean keepsExactValues() {
        return exactValues;
    }

    public boolean acceptsMissing(int feature) {
        return acceptsMissing[feature];
    }

    /** The feature names in model order, for error messages. */
    public List<String> names() {
        return features.stream().map(ManifestFeature::name).toList();
    }
}
