package dev.seed.mlops.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig.EngineChoice;
import dev.seed.mlops.serving.fixtures.TransformedModelFixture;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.EngineSelector;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ModelArtifact;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.model.XgboostTreeCompiler;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.data.Violations;
import dev.seed.mlops.trainer.train.ArtifactModel;
import dev.seed.mlops.trainer.train.FeatureEncoder;
import io.vertx.core.buffer.Buffer;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No training/serving skew: for random raw rows (missing values, unseen and rare categories, extremes), the vector the
 * trainer trains on equals, bit for bit, the one this server computes from a V1 request, and the served model (DJL,
 * the same native XGBoost) answers exactly what the trainer's predict answers on the raw row.
 */
class TransformSkewTest {
    private static ServedModel served;
    private static ArtifactModel trainers;

    @BeforeContainer
    static void load() throws Exception {
        ModelArtifact artifact = new ArtifactReader(new ObjectMapper()).read(TransformedModelFixture.artifact(), Optional.empty(), Optional.empty());
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        served = new ServedModel(artifact, schema, new EngineSelector(new XgboostTreeCompiler(new ObjectMapper()))
                .open(artifact, FeatureSchema.modelInputs(artifact.manifest()), EngineChoice.DJL));
        trainers = ArtifactModel.load(TransformedModelFixture.artifact());
    }

    @AfterContainer
    static void close() {
        served.close();
        trainers.close();
    }

    @Property(tries = 300, seed = "21")
    void theServerComputesTheTrainersVectorAndPrediction(@ForAll("rows") List<Object> row) throws Exception {
        Violations violations = new Violations();
        Table table = new TableReader(TransformedModelFixture.rawSchema(), "row", violations).read(new StringReader(
                String.join(",", TransformedModelFixture.RAW) + "\n"
                + row.stream().map(TransformedModelFixture::csvCell).collect(Collectors.joining(",")) + "\n"));
        violations.throwIfAny();
        float[] trained = FeatureEncoder.of(trainers.manifest()).encode(table);

        String body = "{\"instances\": [{" + IntStream.range(0, row.size()).mapToObj(i -> "\"" + TransformedModelFixture.RAW.get(i)
                + "\": " + TransformedModelFixture.jsonValue(row.get(i))).collect(Collectors.joining(", ")) + "}]}";
        FeatureBatch batch = new V1Protocol().decode(Buffer.buffer(body), body.length(), served.schema(), 1).batch();
        float[] servedVector = served.modelInput(batch);

        assertThat(Arrays.equals(servedVector, trained)).as("served %s, trained %s", Arrays.toString(servedVector),
                Arrays.toString(trained)).isTrue();
        assertThat(served.predict(batch)).containsExactly(trainers.predict(table).rows()[0]);
    }

    @Provide
    Arbitrary<List<Object>> rows() {
        Arbitrary<Object> money = Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e7),
                Arbitraries.of(0.0, -0.0, -1.0, 1e30, -1e30, 3.4e38, 1e-300, 0.1)).injectNull(0.15).map(v -> v);
        Arbitrary<Object> signup = Arbitraries.oneOf(Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L).map(Long::doubleValue),
                Arbitraries.of(1.7e9, 1e14, -1e20)).injectNull(0.1).map(v -> v);
        Arbitrary<Object> city = Arbitraries.of("c0", "c1", "c2", "c3", "rare1", "rare2", "never_seen").injectNull(0.1).map(v -> v);
        return Combinators.combine(money, money, money, signup, city).as(Arrays::asList);
    }
}
