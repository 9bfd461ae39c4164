package dev.seed.mlops.trainer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.QualityKeys;
import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import dev.seed.mlops.trainer.CliRun;
import dev.seed.mlops.trainer.store.ObjectStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate-quality} on a store on a real S3 server (SeaweedFS): the prediction logs the serving pods uploaded,
 * a label file a user dropped there and the published model manifest give the figures the same store gives on a claim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluateQualityOnS3Test {
    @RegisterExtension
    static final S3Server S3 = new S3Server();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] WINDOW = {"--from", T0.toString(), "--until", T0.plusSeconds(3600).toString()};

    private Path local;
    private Path work;
    private final String s3Store = "s3://" + S3TestServer.BUCKET + "/store-" + UUID.randomUUID();

    @BeforeAll
    void theSameStoreOnAClaimAndOnS3(@TempDir Path dir) throws IOException {
        local = Files.createDirectories(dir.resolve("store"));
        work = Files.createDirectories(dir.resolve("work"));
        ObjectStores.use(S3.settings());
        Path model = Files.createDirectories(local.resolve("models/credit/3"));
        Files.writeString(model.resolve("manifest.json"), """
                {"formatVersion":1,"format":"xgboost","modelFile":"model.xgb","modelSha256":"%s","task":"binary","numClasses":2,
                 "label":"default","features":[{"name":"age","type":"numeric"}]}""".formatted("0".repeat(64)));
        new PredictionLogFixture(local, "prod", "credit", "credit-v3-a")
                .prediction("a", T0.plusSeconds(10), "credit", 3, 0.9)
                .prediction("b", T0.plusSeconds(20), "credit", 3, 0.2)
                .label("a", 1, T0.plusSeconds(70))
                .complete();
        PredictionLogFixture killed = new PredictionLogFixture(local, "prod", "credit", "credit-v3-b");
        for (int i = 0; i < 500; i++) {
            killed.prediction("k" + i, T0.plusSeconds(30), "credit", 3, 0.6);
        }
        killed.partial(100);
        Path labels = Files.createDirectories(local.resolve("labels/prod/credit"));
        Files.writeString(labels.resolve("orders.csv"), "id,label\nb,0\nk0,1\n");

        new PublishedDirectory(S3.store()).publish(S3Uri.parse(s3Store + "/models/credit/3"), model);
        for (Path file : files(local.resolve("prediction-logs"), local.resolve("labels"))) {
            S3.store().upload(S3Uri.parse(s3Store + "/" + local.relativize(file)), file);
        }
    }

    @AfterAll
    void forgetTheStore() {
        ObjectStores.use(null);
    }

    private static List<Path> files(Path... directories) throws IOException {
        try (Stream<Path> walk = Stream.of(directories).flatMap(EvaluateQualityOnS3Test::walk)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CliRun evaluate(String store) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate-quality", "--store", store, "--namespace", "prod",
                "--inference-service", "credit", "--model", "credit", "--versions", "3"));
        args.addAll(List.of(WINDOW));
        return CliRun.run(work, args.toArray(String[]::new));
    }

    /** The figures but the label delays, which count from when each label file was written, here or on S3. */
    private static Map<String, Double> withoutDelays(JobResult result) {
        Map<String, Double> figures = new TreeMap<>(result.metrics());
        figures.keySet().removeIf(key -> key.endsWith(QualityKeys.DELAY_P50) || key.endsWith(QualityKeys.DELAY_MAX));
        return figures;
    }

    @Test
    void logsLabelFilesAndTheManifestOnS3GiveTheFiguresTheyGiveOnAClaim() {
        CliRun onS3 = evaluate(s3Store);
        CliRun onClaim = evaluate(local.toString());

        assertThat(onS3.exitCode()).as("%s", onS3.result()).isZero();
        assertThat(onS3.result().metrics())
                .containsEntry(QualityKeys.key(3, QualityKeys.LABELLED), 3.0)
                .containsEntry(QualityKeys.key(3, "accuracy"), 1.0);
        assertThat(onS3.result().metrics().get(QualityKeys.key(3, QualityKeys.UNLABELLED))).isPositive();
        assertThat(withoutDelays(onS3.result())).isEqualTo(withoutDelays(onClaim.result()));
        assertThat(onS3.result().uri()).isEqualTo(s3Store + "/prediction-logs/prod/credit");
    }

    @Test
    void aMissingBucketFailsNamingTheUri() {
        CliRun run = evaluate("s3://no-such-bucket/store");

        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).isEqualTo(
                "cannot list s3://no-such-bucket/store/labels/prod/credit: the bucket 'no-such-bucket' does not exist");
    }
}
