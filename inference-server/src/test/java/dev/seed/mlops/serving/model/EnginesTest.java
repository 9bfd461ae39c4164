package dev.seed.mlops.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig.EngineChoice;
import dev.seed.mlops.serving.fixtures.OnnxFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import java.io.IOException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnginesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 2000;

    private static ModelArtifact read(java.nio.file.Path dir) {
        return new ArtifactReader(JSON).read(dir, Optional.empty(), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theFastPathPredictsWhatDjlPredicts(Kind kind) {
        ModelArtifact artifact = read(XgboostFixture.artifact(kind));
        TreeEnsemble fast = new XgboostTreeCompiler(JSON).compile(artifact).ensemble().orElseThrow();
        float[] rows = XgboostFixture.Dataset.generate(new Random(99), ROWS, kind).values;
        float[] expected = new float[ROWS * artifact.outputWidth()];
        float[] actual = new float[expected.length];
        try (DjlEngine djl = DjlEngine.xgboost(artifact)) {
            djl.predict(rows, ROWS, expected);
        }
        fast.predict(rows, ROWS, actual);

        assertThat(fast.treeCount()).isEqualTo(treesOf(kind));
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("output %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f * Math.max(1f, Math.abs(expected[i]))));
        }
    }

    /** Boosting rounds, times the classes of a multiclass model. */
    private static int treesOf(Kind kind) {
        return switch (kind) {
            case BINARY -> 100;
            case BINARY_JSON -> 30;
            case REGRESSION -> 50;
            case MULTICLASS -> 90;
            case MULTICLASS_SHALLOW -> 12;
            case REGRESSION_SHALLOW -> 6;
        };
    }

    @Test
    void xgboostModelsAreServedByTheFastPathUnlessDjlIsChosen() {
        ModelArtifact artifact = read(XgboostFixture.artifact(Kind.BINARY));
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        EngineSelector selector = new EngineSelector(new XgboostTreeCompiler(JSON));

        try (InferenceEngine auto = selector.open(artifact, schema, EngineChoice.AUTO);
                InferenceEngine djl = selector.open(artifact, schema, EngineChoice.DJL)) {
            assertThat(auto.name()).isEqualTo("tree-ensemble");
            assertThat(djl.name()).isEqualTo("djl-xgboost");
        }
    }

    @Test
    void theSelfCheckCatchesAnEngineThatDisagreesWithDjl() {
        ModelArtifact artifact = read(XgboostFixture.artifact(Kind.BINARY));
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        TreeEnsemble fast = new XgboostTreeCompiler(JSON).compile(artifact).ensemble().orElseThrow();
        InferenceEngine offByOnePercent = new InferenceEngine() {
            @Override
            public String name() {
                return "skewed";
            }

            @Override
            public void predict(float[] features, int rows, float[] out) {
                fast.predict(features, rows, out);
                out[rows - 1] += 0.01f;
            }

            @Override
            public void close() {
            }
        };
        try (DjlEngine djl = DjlEngine.xgboost(artifact)) {
            assertThat(EngineSelector.disagreement(fast, djl, artifact, schema)).isNull();
            assertThat(EngineSelector.disagreement(offByOnePercent, djl, artifact, schema)).startsWith("output 255:");
        }
    }

    @Test
    void djlOnnxRuntimePredictsWhatOnnxRuntimeInPythonPredicted() throws IOException {
        ModelArtifact artifact = read(OnnxFixture.artifact());
        JsonNode expected = JSON.readTree(artifact.directory().resolve("expected.json").toFile());
        int rows = expected.path("rows").size();
        float[] input = new float[rows * artifact.featureCount()];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < artifact.featureCount(); f++) {
                input[r * artifact.featureCount() + f] = (float) expected.path("rows").get(r).get(f).asDouble();
            }
        }
        float[] out = new float[rows];
        try (DjlEngine onnx = DjlEngine.onnx(artifact)) {
            onnx.predict(input, rows, out);
        }
        for (int r = 0; r < rows; r++) {
            assertThat(out[r]).as("row %d", r).isCloseTo((float) expected.path("probabilities").get(r).asDouble(),
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
