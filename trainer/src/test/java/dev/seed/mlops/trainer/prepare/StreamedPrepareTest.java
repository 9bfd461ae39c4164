package dev.seed.mlops.trainer.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.trainer.CliRun;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TestDatasets;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.data.TableWriter;
import dev.seed.mlops.trainer.data.Violations;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prepare streams its source in passes; its snapshot equals what the whole table in memory gives (the split files of
 * {@link Split} written by {@link TableWriter}, the profile of {@link Profiler#profile(Table, String)}), on real data:
 * numeric features with ties and missing values, categorical ones, a binary and a regression label.
 */
class StreamedPrepareTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"caravan", "bikeshare", "three-classes"})
    void theSnapshotEqualsTheOneOfTheTableInMemory(String dataset) throws IOException {
        DatasetSpec spec = switch (dataset) {
            case "caravan" -> TestDatasets.caravan();
            case "bikeshare" -> TestDatasets.bikeshare();
            default -> TestDatasets.threeClasses(work.resolve("three.csv"));
        };
        CliRun run = CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", dataset,
                "--store", work.resolve("store").toString());
        assertThat(run.exitCode()).as("exit code: %s", run.result()).isZero();
        Path snapshot = Path.of(URI.create(run.result().uri()).getPath());

        Table table = readWhole(spec);
        Split split = Split.of(table.rows(), spec.getSplit());
        Map<String, int[]> parts = Map.of(ArtifactFiles.TRAIN_SPLIT, split.train(),
                ArtifactFiles.VALIDATION_SPLIT, split.validation(), ArtifactFiles.TEST_SPLIT, split.test());
        for (Map.Entry<String, int[]> part : parts.entrySet()) {
            Path expected = work.resolve("expected-" + part.getKey());
            TableWriter.write(table, part.getValue(), expected);
            assertThat(Files.mismatch(snapshot.resolve(part.getKey()), expected)).as(part.getKey() + " differs at byte")
                    .isEqualTo(-1L);
        }

        DataProfile expected = Profiler.profile(table, run.result().digest());
        DataProfile actual = Json.read(snapshot.resolve(ArtifactFiles.PROFILE), DataProfile.class);
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.datasetDigest()).isEqualTo(expected.datasetDigest());
        assertThat(actual.features()).hasSameSizeAs(expected.features());
        for (int i = 0; i < expected.features().size(); i++) {
            FeatureProfile want = expected.features().get(i);
            FeatureProfile got = actual.features().get(i);
            String name = want.name();
            assertThat(got.name()).isEqualTo(name);
            assertThat(got.type()).as(name).isEqualTo(want.type());
            assertThat(got.missingRate()).as(name).isEqualTo(want.missingRate());
            assertThat(got.binEdges()).as(name).isEqualTo(want.binEdges());
            assertThat(got.categories()).as(name).isEqualTo(want.categories());
            assertThat(got.frequencies()).as(name).isEqualTo(want.frequencies());
            if (want.mean() != null) {
                // the same compensated sums, in source order rather than sorted order
                assertThat(got.mean()).as(name).isCloseTo(want.mean(), within(1e-12 * Math.max(1, Math.abs(want.mean()))));
                assertThat(got.stddev()).as(name).isCloseTo(want.stddev(), within(1e-12 * Math.max(1, want.stddev())));
            }
        }
    }

    private static Table readWhole(DatasetSpec spec) throws IOException {
        String source = spec.getSource().getUri();
        try (InputStream file = Files.newInputStream(Path.of(source));
                Reader reader = new InputStreamReader(source.endsWith(".gz") ? new GZIPInputStream(file) : file,
                        StandardCharsets.UTF_8)) {
            return new TableReader(spec.getSchema(), source, new Violations()).read(reader);
        }
    }
}
