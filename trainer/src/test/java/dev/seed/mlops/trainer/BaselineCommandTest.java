package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.ModelSchema;
import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline}: a model brought by hand gets its features' profile from a prepared snapshot, as a Job runs it. */
class BaselineCommandTest {

    @TempDir
    static Path work;
    static Path store;
    static JobResult snapshot;

    @BeforeAll
    static void prepareBikeshare() {
        store = work.resolve("store");
        snapshot = RealDataPipelineTest.prepare(TestDatasets.bikeshare(), "bikeshare", store);
    }

    @Test
    void theBaselineIsTheSnapshotsProfileOfTheModelsFeaturesInTheModelsOrder() throws Exception {
        CliRun run = baseline(spec("bikes", 3, TestDatasets.feature("temp", FeatureType.numeric),
                TestDatasets.feature("weathersit", FeatureType.categorical)));
        assertThat(run.exitCode()).as("%s", run.result()).isZero();
        assertThat(run.result().uri()).isEqualTo(store + "/baselines/bikes/3/" + snapshot.digest().replace(':', '-'));

        DataProfile written = Json.read(Path.of(run.result().uri(), "profile.json"), DataProfile.class);
        DataProfile prepared = Json.read(Path.of(snapshot.uri(), "profile.json"), DataProfile.class);
        assertThat(written.features()).extracting(FeatureProfile::name).containsExactly("temp", "weathersit");
        assertThat(written.features()).containsExactly(entry(prepared, "temp"), entry(prepared, "weathersit"));
        assertThat(written.datasetDigest()).isEqualTo(snapshot.digest());
        assertThat(written.rows()).isEqualTo(prepared.rows()).isEqualTo(run.result().rows());
    }

    @Test
    void aJobRunAgainForTheSameSnapshotKeepsTheBaseline() throws Exception {
        ModelVersionSpec spec = spec("again", 1, TestDatasets.feature("hum", FeatureType.numeric));
        assertThat(baseline(spec).exitCode()).isZero();
        Path profile = store.resolve("baselines/again/1/" + snapshot.digest().replace(':', '-') + "/profile.json");
        byte[] first = Files.readAllBytes(profile);
        CliRun again = baseline(spec);
        assertThat(again.exitCode()).isZero();
        assertThat(again.result().message()).contains("kept");
        assertThat(Files.readAllBytes(profile)).isEqualTo(first);
    }

    @Test
    void aFeatureTheSnapshotLacksIsRefusedNamingItAndTheColumns() {
        CliRun run = baseline(spec("bikes", 4, TestDatasets.feature("rainfall", FeatureType.numeric)));
        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).contains("feature 'rainfall' of the model is not a column of the snapshot",
                "season, mnth, hr", "rule baseline-features");
    }

    @Test
    void aFeatureOfAnotherTypeIsRefused() {
        CliRun run = baseline(spec("bikes", 5, TestDatasets.feature("hr", FeatureType.numeric)));
        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).contains("feature 'hr' is numeric in the model but categorical in the snapshot");
    }

    private static FeatureProfile entry(DataProfile profile, String name) {
        return profile.features().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static CliRun baseline(ModelVersionSpec spec) {
        return CliRun.run(work, "baseline", "--spec", CliRun.json(spec), "--snapshot", snapshot.uri(), "--store", store.toString());
    }

    private static ModelVersionSpec spec(String model, long version, FeatureColumn... features) {
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setModel(model);
        spec.setVersion(version);
        ModelSchema schema = new ModelSchema();
        schema.setFeatures(List.of(features));
        spec.setSchema(schema);
        return spec;
    }
}
