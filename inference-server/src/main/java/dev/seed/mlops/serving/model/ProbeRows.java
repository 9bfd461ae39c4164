package dev.seed.mlops.serving.model;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Synthetic rows for the warm-up prediction and for checking the fast path against DJL: each value is drawn
 * (with a fixed seed) from the baseline's bin edges, just beside them, the mean, and missing where allowed,
 * so every kind of split decision is exercised, edges and NaN included.
 */
public final class ProbeRows {

    private static final long SEED = 20240611L;

    private ProbeRows() {
    }

    /** {@code rows} rows, row-major, in the schema's feature order. */
    public static float[] generate(FeatureSchema schema, DataProfile profile, int rows) {
        Map<String, FeatureProfile> byName = profile.features().stream()
                .collect(Collectors.toMap(FeatureProfile::name, Function.identity(), (a, b) -> a));
        List<float[]> candidates = new ArrayList<>();
        for (int f = 0; f < schema.size(); f++) {
            candidates.add(candidates(schema, f, byName.get(schema.name(f))));
        }
        Random random = new Random(SEED);
        float[] values = new float[rows * schema.size()];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < schema.size(); f++) {
                float[] choices = candidates.get(f);
                values[r * schema.size() + f] = choices[random.nextInt(choices.length)];
            }
        }
        return values;
    }

    private static float[] candidates(FeatureSchema schema, int feature, FeatureProfile profile) {
        List<Float> values = new ArrayList<>();
        if (schema.isCategorical(feature)) {
            for (int code = 0; code < schema.categoryCount(feature); code++) {
                values.add((float) code);
            }
        } else if (profile != null && profile.binEdges() != null && !profile.binEdges().isEmpty()) {
            for (double edge : profile.binEdges()) {
                float e = (float) edge;
                values.add(e);
                values.add(Math.nextDown(e));
                values.add(Math.nextUp(e));
            }
            if (profile.mean() != null) {
                values.add(profile.mean().floatValue());
            }
        } else {
            values.addAll(List.of(-1f, 0f, 0.5f, 1f, 10f));
        }
        if (schema.acceptsMissing(feature)) {
            values.add(Float.NaN);
        }
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }
}
