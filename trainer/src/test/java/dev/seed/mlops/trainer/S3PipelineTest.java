package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import dev.seed.mlops.trainer.store.ObjectStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** prepare → train with the source, the snapshot and the artifact on a real S3 server, through the command line. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3PipelineTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    private static final String STORE = "s3://" + S3TestServer.BUCKET + "/store";
    private static final String SOURCE = "s3://" + S3TestServer.BUCKET + "/sources/bikeshare.csv.gz";
    private static final String TRAINING = "{\"model\":\"bikes\",\"hyperparameters\":{\"num_round\":\"5\",\"nthread\":\"1\"}}";

    private Path work;
    private JobResult snapshot;
    private JobResult model;

    @BeforeAll
    void prepareAndTrainOnS3(@TempDir Path dir) throws IOException {
        work = Files.createDirectories(dir.resolve("work"));
        ObjectStores.use(S3.settings());
        S3.store().upload(S3Uri.parse(SOURCE), TestDatasets.resource(TestDatasets.BIKESHARE));
        snapshot = run("prepare", "--spec", CliRun.json(bikeshare(SOURCE)), "--name", "bikeshare", "--store", STORE).result();
        model = run("train", "--spec", TRAINING, "--snapshot", snapshot.uri(), "--store", STORE, "--version", "1").result();
    }

    @AfterAll
    void forgetTheStore() {
        ObjectStores.use(null);
    }

    private CliRun run(String... args) {
        CliRun run = CliRun.run(work, args);
        assertThat(run.exitCode()).as("%s: %s", args[0], run.result()).isZero();
        return run;
    }

    private static DatasetSpec bikeshare(String uri) {
        DatasetSpec spec = TestDatasets.bikeshare();
        spec.getSource().setUri(uri);
        return spec;
    }

    @Test
    void theSnapshotIsPublishedOnS3UnderTheDigestOfTheSourceBytes() {
        JobResult local = RealDataPipelineTest.prepare(TestDatasets.bikeshare(), "bikeshare", work.resolve("local-store"));
        assertThat(snapshot.digest()).isEqualTo(local.digest());
        assertThat(snapshot.uri()).isEqualTo(STORE + "/datasets/bikeshare/sha256-" + snapshot.digest().substring("sha256:".length()));
        assertThat(snapshot.rows()).isEqualTo(8645);
        assertThat(new PublishedDirectory(S3.store()).isPublished(S3Uri.parse(snapshot.uri()))).isTrue();
    }

    @Test
    void theArtifactIsPublishedWithTheDigestOfItsModelFile() throws IOException {
        assertThat(model.uri()).isEqualTo(STORE + "/models/bikes/1");
        Path copy = work.resolve("artifact-copy");
        new PublishedDirectory(S3.store()).fetch(S3Uri.parse(model.uri()), copy);
        ModelManifest manifest = Json.read(copy.resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        assertThat(manifest.modelSha256()).isEqualTo(model.digest());
        assertThat(copy.resolve(manifest.modelFile())).exists();
        assertThat(copy.resolve(ArtifactFiles.PROFILE)).exists();
    }

    @Test
    void preparingTheSameBytesAgainKeepsTheSnapshotAndAVersionIsWrittenOnce() {
        JobResult again = run("prepare", "--spec", CliRun.json(bikeshare(SOURCE)), "--name", "bikeshare", "--store", STORE).result();
        assertThat(again.uri()).isEqualTo(snapshot.uri());
        assertThat(again.message()).contains("snapshot existed already");

        CliRun twice = CliRun.run(work, "train", "--spec", TRAINING, "--snapshot", snapshot.uri(), "--store", STORE, "--version", "1");
        assertThat(twice.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(twice.result().message()).contains("rule immutable-artifact");
    }

    @Test
    void aMissingSourceObjectIsRefusedNamingIt() {
        String missing = "s3://" + S3TestServer.BUCKET + "/sources/absent.csv";
        CliRun run = CliRun.run(work, "prepare", "--spec", CliRun.json(bikeshare(missing)), "--name", "absent", "--store", STORE);
        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).isEqualTo("source " + missing + ": rule readable: cannot read " + missing + ": no such object");
    }

    @Test
    void aSnapshotChangedAfterPublicationIsNotTrainedOn() {
        S3Uri published = S3Uri.parse(snapshot.uri());
        String tamperedCopy = STORE + "/datasets/tampered/sha256-0";
        S3Uri copy = S3Uri.parse(tamperedCopy);
        for (String key : S3.store().list(published)) {
            S3.store().put(copy.resolve(key), S3.store().readAll(published.resolve(key)));
        }
        String content = new PublishedDirectory(S3.store()).marker(copy).content();
        S3.store().put(copy.resolve(content).resolve(ArtifactFiles.TRAIN_SPLIT), "bikers\n1\n".getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.run(work, "train", "--spec", TRAINING, "--snapshot", tamperedCopy, "--store", STORE, "--version", "2");
        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).startsWith(tamperedCopy + "/" + ArtifactFiles.TRAIN_SPLIT + " does not match published.json")
                .endsWith("it was changed after publication");
    }

    @Test
    void aSnapshotWithoutItsMarkerIsNotTrainedOn() {
        String unpublished = STORE + "/datasets/unpublished/sha256-1";
        S3.store().put(S3Uri.parse(unpublished).resolve(".content-x/" + ArtifactFiles.TRAIN_SPLIT), new byte[] {1});
        CliRun run = CliRun.run(work, "train", "--spec", TRAINING, "--snapshot", unpublished, "--store", STORE, "--version", "3");
        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).startsWith(unpublished + " is not published: it has no published.json");
    }
}
