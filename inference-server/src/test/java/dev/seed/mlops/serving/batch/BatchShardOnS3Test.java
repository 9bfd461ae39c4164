package dev.seed.mlops.serving.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.BatchShardMetrics;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchPrediction shards with the artifact, the input and the output on a real S3 server (SeaweedFS): the parts are
 * byte for byte those of the same run on a claim, the manifest comes last, and a store that cannot be written leaves
 * no part and no manifest, with a message naming the URI.
 */
class BatchShardOnS3Test {
    @RegisterExtension
    static final S3Server S3 = new S3Server();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final int ROWS = 300;

    @TempDir
    Path dir;
    private final String store = "s3://" + S3TestServer.BUCKET + "/store-" + UUID.randomUUID();
    private Path input;

    @BeforeEach
    void publishTheModelAndTheInput() throws IOException {
        new PublishedDirectory(S3.store()).publish(S3Uri.parse(store + "/models/credit/1"), XgboostFixture.artifact(Kind.BINARY));
        StringBuilder csv = new StringBuilder("customer_id,age,income,plan,visits\n");
        List<String> plans = List.of("basic", "plus", "premium", "gold");
        for (int r = 0; r < ROWS; r++) {
            csv.append("c").append(r).append(',').append(18 + r % 60).append(',').append(r % 7 == 0 ? "" : 1000 + 37 * r)
                    .append(',').append(plans.get(r % plans.size())).append(',').append(r % 20).append('\n');
        }
        input = dir.resolve("input.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        S3.store().upload(S3Uri.parse(store + "/inputs/input.csv.gz"), input);
    }

    private static ShardOptions options(String artifact, String input, String output, int shard) {
        return new ShardOptions(artifact, List.of(input), output, shard, 2, Optional.of("customer_id"), false, Optional.empty());
    }

    private BatchShard shard() {
        return new BatchShard(JSON, Clock.systemUTC(), S3::settings);
    }

    @Test
    void partsOnS3AreThoseOfTheSameRunOnAClaimAndTheManifestComesLast() throws IOException {
        String output = store + "/batch/run-1";
        Path onClaim = dir.resolve("out/run-1");
        for (int shard = 0; shard < 2; shard++) {
            shard().run(options(XgboostFixture.artifact(Kind.BINARY).toString(), input.toString(), onClaim.toString(), shard));
        }

        JobResult first = shard().run(options(store + "/models/credit/1", store + "/inputs/input.csv.gz", output, 1));
        assertThat(S3.store().exists(S3Uri.parse(output + "/" + RunOutput.MANIFEST))).as("published before every shard is done").isFalse();
        JobResult last = shard().run(options(store + "/models/credit/1", store + "/inputs/input.csv.gz", output, 0));

        assertThat(first.rows() + last.rows()).isEqualTo(ROWS);
        assertThat(last.metrics()).containsEntry(BatchShardMetrics.PUBLISHED, 1.0);
        assertThat(last.uri()).isEqualTo(output);
        assertThat(S3.store().list(S3Uri.parse(output)))
                .containsExactlyInAnyOrder("part-00000.csv", "part-00000.json", "part-00001.csv", "part-00001.json", RunOutput.MANIFEST);
        for (String part : List.of("part-00000.csv", "part-00001.csv")) {
            assertThat(new String(S3.store().readAll(S3Uri.parse(output + "/" + part)), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(onClaim.resolve(part)));
        }
        RunManifest manifest = JSON.readValue(S3.store().readAll(S3Uri.parse(output + "/" + RunOutput.MANIFEST)), RunManifest.class);
        assertThat(manifest.rowsOut()).isEqualTo(ROWS);
    }

    @Test
    void aSnapshotSplitOnS3IsReadFromItsPublishedDirectory() throws IOException {
        Path snapshot = Files.createDirectories(dir.resolve("snapshot"));
        Files.copy(input, snapshot.resolve("test.csv.gz"));
        new PublishedDirectory(S3.store()).publish(S3Uri.parse(store + "/datasets/credit/sha256-0"), snapshot);

        JobResult result = shard().run(new ShardOptions(store + "/models/credit/1", List.of(store + "/datasets/credit/sha256-0/test.csv.gz"),
                store + "/batch/run-2", 0, 1, Optional.of("customer_id"), false, Optional.empty()));

        assertThat(result.rows()).isEqualTo(ROWS);
        assertThat(result.metrics()).containsEntry(BatchShardMetrics.PUBLISHED, 1.0);
    }

    @Test
    void anOutputBucketThatDoesNotExistFailsTheShardNamingTheUriAndLeavesNothing() {
        String output = "s3://no-such-bucket/batch/run-3";

        JobResult result = shard().runReporting(options(store + "/models/credit/1", store + "/inputs/input.csv.gz", output, 0));

        assertThat(result.success()).isFalse();
        assertThat(result.message()).isEqualTo("shard 0 of 2 failed: cannot write " + output + "/part-00000.csv: the bucket 'no-such-bucket' does not exist");
    }

    @Test
    void aMissingInputObjectFailsTheShardNamingItAndWritesNoPart() {
        String output = store + "/batch/run-4";
        String missing = store + "/inputs/absent.csv";

        JobResult result = shard().runReporting(options(store + "/models/credit/1", missing, output, 0));

        assertThat(result.success()).isFalse();
        assertThat(result.message()).isEqualTo("shard 0 of 2 failed: cannot read " + missing + ": no such object");
        assertThat(S3.store().list(S3Uri.parse(output))).isEmpty();
    }
}
