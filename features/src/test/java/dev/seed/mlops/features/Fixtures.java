package dev.seed.mlops.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;

/** Declarations written as the Dataset spec writes them, fitted on small columns, applied to single rows. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final double NA = Values.MISSING;

    private Fixtures() {
    }

    /** A declaration from JSON with single quotes: {@code declare("{'name':'x','kind':'log1p','column':'a'}")}. */
    static TransformDeclaration declare(String json) {
        try {
            return JSON.readValue(json.replace('\'', '"'), TransformDeclaration.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static FittedTransforms fit(List<TypedColumn> inputs, double[][] columns, String... declarations) {
        return PipelineFitter.fit(inputs, "label", Arrays.stream(declarations).map(Fixtures::declare).toList(), columns);
    }

    /** The model features of one raw row. */
    static float[] apply(FeaturePipeline pipeline, double... raw) {
        double[] row = pipeline.newRow();
        System.arraycopy(raw, 0, row, 0, raw.length);
        float[] out = new float[pipeline.features().size()];
        pipeline.transform(row, out, 0);
        return out;
    }

    /** The value of one model feature, by name, for one raw row. */
    static float feature(FeaturePipeline pipeline, String name, double... raw) {
        List<String> names = pipeline.features().stream().map(TypedColumn::name).toList();
        return apply(pipeline, raw)[names.indexOf(name)];
    }
}
