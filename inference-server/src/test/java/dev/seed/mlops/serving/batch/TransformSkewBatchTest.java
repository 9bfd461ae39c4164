package dev.seed.mlops.serving.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig.EngineChoice;
import dev.seed.mlops.serving.drift.DriftMonitor;
import dev.seed.mlops.serving.fixtures.TransformedModelFixture;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.EngineSelector;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ModelArtifact;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.model.XgboostTreeCompiler;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.train.ArtifactModel;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch shard scoring raw rows of a model with transforms answers, row for row and bit for bit, what the trainer's
 * predict answers on the same rows (both through the same native XGBoost, DJL for the shard).
 */
class TransformSkewBatchTest {
    @TempDir
    Path work;

    @Test
    void aShardScoresRawRowsExactlyAsTheTrainerPredicts() throws Exception {
        Path csv = work.resolve("raw.csv");
        StringBuilder text = new StringBuilder(String.join(",", TransformedModelFixture.RAW) + "\n");
        Random random = new Random(21);
        for (int row = 0; row < 2000; row++) {
            text.append(cell(random, random.nextDouble() * 1e5)).append(',').append(cell(random, random.nextGaussian() * 5e4)).append(',')
                    .append(cell(random, Math.exp(random.nextGaussian() * 4))).append(',')
                    .append(cell(random, (double) random.nextLong(0, 4_000_000_000L))).append(',')
                    .append(random.nextDouble() < 0.1 ? "" : List.of("c0", "c1", "c3", "rare1", "unseen").get(random.nextInt(5)))
                    .append('\n');
        }
        Files.writeString(csv, text);

        ModelArtifact artifact = new ArtifactReader(new ObjectMapper()).read(TransformedModelFixture.artifact(), Optional.empty(), Optional.empty());
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        StringWriter out = new StringWriter();
        try (ServedModel model = new ServedModel(artifact, schema, new EngineSelector(new XgboostTreeCompiler(new ObjectMapper()))
                .open(artifact, FeatureSchema.modelInputs(artifact.manifest()), EngineChoice.DJL));
                ShardRows rows = new ShardRows(List.of(csv), 0, 1)) {
            DriftMonitor drift = DriftMonitor.create(schema, model.modelSchema(), 1, true, artifact.profile(), artifact.baselineDigest(),
                    new DriftMonitor.WindowSpec(Long.MAX_VALUE, 0, 1), Clock.systemUTC());
            new ShardScorer(model, drift, null, false).score(rows, out);
            assertThat(drift.report().features()).as("the engineered features are scored too")
                    .filteredOn(score -> score.name().equals("debt_ratio")).singleElement()
                    .satisfies(score -> assertThat(score.psi()).isNotNull());
        }
        List<String> lines = out.toString().lines().skip(1).toList();

        float[][] trainers;
        try (ArtifactModel model = ArtifactModel.load(TransformedModelFixture.artifact())) {
            trainers = model.predict(TableReader.readFile(csv, TransformedModelFixture.rawSchema(), csv.toString())).rows();
        }
        assertThat(lines).hasSize(2000);
        for (int row = 0; row < lines.size(); row++) {
            float shard = Float.parseFloat(lines.get(row).split(",")[1]);
            assertThat(Float.floatToIntBits(shard)).as("row %d: shard %s, trainer %s", row, shard, trainers[row][0])
                    .isEqualTo(Float.floatToIntBits(trainers[row][0]));
        }
    }

    private static String cell(Random random, double value) {
        return random.nextDouble() < 0.08 ? "" : Double.toString(value);
    }
}
