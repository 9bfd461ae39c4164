package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.store.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** prepare → train → evaluate on the real datasets, through the command line as a Job runs it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDataPipelineTest {
    private static final String CARAVAN_TRAINING = "{\"model\":\"caravan\",\"hyperparameters\":{\"num_round\":\"300\","
            + "\"max_depth\":\"4\",\"eta\":\"0.05\",\"nthread\":\"1\"}}";

    private Path work;

    private JobResult caravanSnapshot;
    private JobResult caravanModel;

    @BeforeAll
    void prepareAndTrainCaravan(@TempDir Path work) {
        this.work = work;
        caravanSnapshot = prepare(TestDatasets.caravan(), "caravan", work.resolve("store"));
        caravanModel = train(CARAVAN_TRAINING, caravanSnapshot.uri(), work.resolve("store"), 1, null);
    }

    @Test
    void caravanSnapshotHoldsExactSplitsAndAProfileOfEveryFeature() throws IOException {
        assertThat(caravanSnapshot.rows()).isEqualTo(5822);
        assertThat(caravanSnapshot.testRows()).isEqualTo(Math.round(5822 * 0.25));
        assertThat(caravanSnapshot.trainRows()).isEqualTo(5822 - Math.round(5822 * 0.25) - Math.round(5822 * 0.15));
        assertThat(caravanSnapshot.digest()).isEqualTo("sha256:" + Sha256.hexOfFile(TestDatasets.resource(TestDatasets.CARAVAN)));
        Path snapshot = Path.of(caravanSnapshot.uri());
        assertThat(snapshot.getFileName().toString()).isEqualTo("sha256-" + caravanSnapshot.digest().substring(7));
        assertThat(Files.readAllLines(snapshot.resolve(ArtifactFiles.TEST_SPLIT))).hasSize(1456 + 1);

        DataProfile profile = Json.read(snapshot.resolve(ArtifactFiles.PROFILE), DataProfile.class);
        assertThat(profile.features()).hasSize(85);
        FeatureProfile subtype = profile.features().get(0);
        assertThat(subtype.name()).isEqualTo("MOSTYPE");
        assertThat(subtype.frequencies()).hasSize(subtype.binEdges().size() + 1);
        assertThat(subtype.frequencies().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within());
        assertThat(Files.readString(snapshot.resolve(ArtifactFiles.VALIDATION_REPORT))).contains("\"passed\" : true");
    }

    @Test
    void caravanModelRanksBuyersWellAboveChance() {
        assertThat(caravanModel.success()).isTrue();
        assertThat(caravanModel.metrics().get("auc")).isGreaterThan(0.72);
        assertThat(caravanModel.metrics().get("accuracy")).isGreaterThan(0.93);
        assertThat(caravanModel.metrics().get("logLoss")).isLessThan(0.23);
        assertThat(caravanModel.metrics()).containsKeys("precision", "recall", "f1");
    }

    @Test
    void caravanArtifactFollowsTheContract() throws IOException {
        Path artifact = Path.of(caravanModel.uri());
        assertThat(artifact).isEqualTo(work.resolve("store/models/caravan/1"));
        ModelManifest manifest = Json.read(artifact.resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        assertThat(manifest.format()).isEqualTo("xgboost");
        assertThat(manifest.task()).isEqualTo("binary");
        assertThat(manifest.numClasses()).isEqualTo(2);
        assertThat(manifest.label()).isEqualTo("Purchase");
        assertThat(manifest.features()).hasSize(85);
        assertThat(manifest.modelSha256()).isEqualTo(Sha256.hexOfFile(artifact.resolve(ArtifactFiles.XGBOOST_MODEL)))
                .isEqualTo(caravanModel.digest());
        assertThat(manifest.datasetDigest()).isEqualTo(caravanSnapshot.digest());
        assertThat(manifest.metrics()).isEqualTo(caravanModel.metrics());

        DataProfile profile = Json.read(artifact.resolve(ArtifactFiles.PROFILE), DataProfile.class);
        FeatureProfile prediction = profile.features().get(profile.features().size() - 1);
        assertThat(prediction.name()).isEqualTo(ArtifactFiles.PREDICTION);
        assertThat(prediction.type()).isEqualTo("numeric");
        assertThat(prediction.binEdges()).isNotEmpty().allSatisfy(edge -> assertThat(edge).isBetween(0.0, 1.0));
        assertThat(prediction.mean()).isBetween(0.02, 0.12);
    }

    @Test
    void sameSourceAndSeedGiveTheSameSnapshotAndTheSameModel() throws IOException {
        Path otherStore = work.resolve("other-store");
        JobResult snapshot = prepare(TestDatasets.caravan(), "caravan", otherStore);
        for (String file : new String[] {ArtifactFiles.TRAIN_SPLIT, ArtifactFiles.VALIDATION_SPLIT,
                ArtifactFiles.TEST_SPLIT, ArtifactFiles.PROFILE}) {
            assertThat(Path.of(snapshot.uri()).resolve(file)).hasSameBinaryContentAs(Path.of(caravanSnapshot.uri()).resolve(file));
        }
        JobResult model = train(CARAVAN_TRAINING, snapshot.uri(), otherStore, 1, null);
        assertThat(model.digest()).isEqualTo(caravanModel.digest());
        assertThat(model.metrics()).isEqualTo(caravanModel.metrics());
    }

    @Test
    void anotherSeedGivesAnotherSplit() throws IOException {
        DatasetSpec spec = TestDatasets.caravan();
        spec.getSplit().setSeed(8L);
        JobResult snapshot = prepare(spec, "caravan-seed-8", work.resolve("store"));
        assertThat(snapshot.digest()).isEqualTo(caravanSnapshot.digest());
        assertThat(Files.readString(Path.of(snapshot.uri()).resolve(ArtifactFiles.TEST_SPLIT)))
                .isNotEqualTo(Files.readString(Path.of(caravanSnapshot.uri()).resolve(ArtifactFiles.TEST_SPLIT)));
    }

    @Test
    void preparingTheSameBytesAgainKeepsTheSnapshotButOtherSettingsAreRefused() {
        CliRun again = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.caravan()), "--name", "caravan",
                "--store", work.resolve("store").toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.result().message()).contains("existed already");

        DatasetSpec otherSplit = TestDatasets.caravan();
        otherSplit.getSplit().setTestFraction(0.3);
        CliRun refused = CliRun.run(work, "prepare", "--spec", CliRun.json(otherSplit), "--name", "caravan",
                "--store", work.resolve("store").toString());
        assertThat(refused.exitCode()).as("refused input, which Jobs do not retry").isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(refused.result().message()).contains("rule immutable-snapshot");
    }

    @Test
    void championIsScoredOnTheSameTestSplit() {
        String deeper = CARAVAN_TRAINING.replace("\"max_depth\":\"4\"", "\"max_depth\":\"2\"");
        JobResult challenger = train(deeper, caravanSnapshot.uri(), work.resolve("store"), 2, caravanModel.uri());
        Map<String, Double> metrics = challenger.metrics();
        caravanModel.metrics().forEach((name, value) -> assertThat(metrics).containsEntry("champion." + name, value));
        assertThat(metrics.get("auc")).isNotEqualTo(metrics.get("champion.auc")).isGreaterThan(0.7);
    }

    @Test
    void aFailedTrainingLeavesNoArtifact() throws IOException {
        Path bikes = work.resolve("bikes-champion");
        JobResult regression = train("{\"model\":\"bikes\",\"hyperparameters\":{\"num_round\":\"5\",\"nthread\":\"1\"}}",
                prepare(TestDatasets.bikeshare(), "bikeshare", bikes).uri(), bikes, 1, null);
        CliRun mismatched = CliRun.run(work, "train", "--spec", CARAVAN_TRAINING, "--snapshot", caravanSnapshot.uri(),
                "--store", work.resolve("store").toString(), "--version", "7", "--champion", regression.uri());
        assertThat(mismatched.exitCode()).as("refused input, which Jobs do not retry").isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(mismatched.result().message()).contains("is a regression model, the candidate binary");

        CliRun badParameter = CliRun.run(work, "train", "--spec", "{\"model\":\"caravan\",\"hyperparameters\":"
                + "{\"max_depth\":\"deep\"}}", "--snapshot", caravanSnapshot.uri(), "--store", work.resolve("store").toString(),
                "--version", "8");
        assertThat(badParameter.exitCode()).as("refused input, which Jobs do not retry").isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(badParameter.result().message()).startsWith("XGBoost refused to train").contains("max_depth", "'deep'");

        try (var models = Files.list(work.resolve("store/models/caravan"))) {
            assertThat(models.map(path -> path.getFileName().toString())).doesNotContain("7", "8")
                    .noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void aVersionIsWrittenOnce() {
        CliRun again = CliRun.run(work, "train", "--spec", CARAVAN_TRAINING, "--snapshot", caravanSnapshot.uri(),
                "--store", work.resolve("store").toString(), "--version", "1");
        assertThat(again.exitCode()).as("refused input, which Jobs do not retry").isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(again.result().message()).contains("rule immutable-artifact");
    }

    @Test
    void bikeshareRegressionWithCategoricalFeatures() throws IOException {
        Path store = work.resolve("bikes");
        JobResult snapshot = prepare(TestDatasets.bikeshare(), "bikeshare", store);
        assertThat(snapshot.rows()).isEqualTo(8645);
        JobResult model = train("{\"model\":\"bikes\",\"hyperparameters\":{\"num_round\":\"400\",\"max_depth\":\"6\","
                + "\"eta\":\"0.1\",\"nthread\":\"1\"}}", snapshot.uri(), store, 1, null);
        assertThat(model.metrics().get("r2")).isGreaterThan(0.85);
        assertThat(model.metrics().get("rmse")).isLessThan(75);
        assertThat(model.metrics().get("mae")).isLessThan(model.metrics().get("rmse"));

        ModelManifest manifest = Json.read(Path.of(model.uri()).resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        ModelManifest.ManifestFeature weather = manifest.features().get(6);
        assertThat(weather.name()).isEqualTo("weathersit");
        assertThat(weather.categories()).containsExactly("clear", "cloudy/misty", "light rain/snow", "heavy rain/snow");
        assertThat(manifest.features().get(2).categories()).hasSize(24);
    }

    static JobResult prepare(DatasetSpec spec, String name, Path store) {
        CliRun run = CliRun.run(store.getParent(), "prepare", "--spec", CliRun.json(spec), "--name", name,
                "--store", store.toString());
        assertThat(run.exitCode()).as("prepare: %s", run.result()).isZero();
        return run.result();
    }

    static JobResult train(String spec, String snapshot, Path store, int version, String champion) {
        String[] args = champion == null
                ? new String[] {"train", "--spec", spec, "--snapshot", snapshot, "--store", store.toString(), "--version", "" + version}
                : new String[] {"train", "--spec", spec, "--snapshot", snapshot, "--store", store.toString(), "--version", "" + version,
                        "--champion", champion};
        CliRun run = CliRun.run(store.getParent(), args);
        assertThat(run.exitCode()).as("train: %s", run.result()).isZero();
        return run.result();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
