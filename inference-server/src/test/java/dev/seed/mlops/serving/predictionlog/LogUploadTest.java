package dev.seed.mlops.serving.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.StoredObject;
import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The prediction log of a pod whose model is on S3, uploaded to a real S3 server (SeaweedFS). */
class LogUploadTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    private static final long T0 = Instant.parse("2026-12-02T00:45:12.300Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private static final long GIVE_UP = 60_000;

    @TempDir
    Path spool;
    @TempDir
    Path scratch;
    private final AtomicLong clock = new AtomicLong(T0);
    private final LogCounters counters = new LogCounters();
    private final S3Uri service = new S3Uri(S3TestServer.BUCKET, "store-" + UUID.randomUUID() + "/prediction-logs/ns/credit");
    private final S3Uri pod = service.resolve("credit-v3-abc");

    private LogUpload upload(S3Store store, S3Uri podPrefix) {
        return new LogUpload(new LogUpload.Settings(spool, podPrefix, 1000, GIVE_UP, 24 * HOUR, HOUR, 5000), store, clock::get, counters);
    }

    /** Writes {@code rows} predictions through the pod's writer and completes the file. */
    private void logAndComplete(int rows) {
        PredictionLogWriter writer = new PredictionLogWriter(new PredictionLogWriter.Settings(spool, 1 << 20, HOUR, 1000,
                24 * HOUR, HOUR, 5000), clock::get, counters).start();
        writer.offer(LogLines.prediction("order-1", rows, T0));
        writer.close();
    }

    private List<JsonNode> downloaded(S3Uri object, boolean partial) throws IOException {
        Path file = Files.write(scratch.resolve(UUID.randomUUID() + ".gz"), S3.store().readAll(object));
        return partial ? LogLines.readPartial(file) : LogLines.readComplete(file);
    }

    @Test
    void aCompletedFileIsUploadedWholeUnderItsCompleteNameAndLeavesTheSpool() throws IOException {
        logAndComplete(3);
        upload(S3.store(), pod).pass();

        assertThat(S3.store().list(pod)).containsExactly("20261202T004512Z-000000.jsonl.gz");
        assertThat(downloaded(pod.resolve("20261202T004512Z-000000.jsonl.gz"), false))
                .extracting(line -> line.get("id").asText()).containsExactly("order-1#0", "order-1#1", "order-1#2");
        assertThat(LogLines.files(spool, LogFile.COMPLETE)).isEmpty();
        assertThat(counters.uploaded()).isEqualTo(1);
    }

    @Test
    void aFileStillBeingWrittenIsNeverUploaded() throws IOException {
        PredictionLogWriter writer = new PredictionLogWriter(new PredictionLogWriter.Settings(spool, 1 << 20, HOUR, 1000,
                24 * HOUR, HOUR, 5000), clock::get, counters).start();
        LogUpload upload = upload(S3.store(), pod).adoptLeftovers();
        writer.offer(LogLines.prediction("order-1", 1, T0));
        await().until(() -> counters.predictions() == 1);

        upload.pass();
        assertThat(S3.store().list(pod)).isEmpty();

        writer.close();
        upload.pass();
        assertThat(S3.store().list(pod)).containsExactly("20261202T004512Z-000000.jsonl.gz");
    }

    @Test
    void aPartialFileAnEarlierContainerLeftIsUploadedUnderItsPartialNameAndReadsUpToItsLastFlush() throws IOException {
        LogFile killed = LogFile.create(spool, "20261202T004512Z-000000", T0);
        killed.write(LogLines.prediction("order-1", 2, T0));
        killed.flush();
        killed.close(); // never sealed, as when the container was killed

        upload(S3.store(), pod).adoptLeftovers().pass();

        S3Uri object = pod.resolve("20261202T004512Z-000000.jsonl.gz.partial");
        assertThat(S3.store().list(pod)).containsExactly("20261202T004512Z-000000.jsonl.gz.partial");
        assertThat(downloaded(object, true)).extracting(line -> line.get("id").asText()).containsExactly("order-1#0", "order-1#1");
    }

    @Test
    void aMissingBucketIsRetriedUntilTheGiveUpTimeThenTheLinesAreCountedAsWriteErrors() {
        logAndComplete(4);
        LogUpload upload = upload(S3.store(), new S3Uri("no-such-bucket", pod.key()));

        upload.pass();
        clock.addAndGet(GIVE_UP - 1);
        upload.pass();
        assertThat(counters.uploadFailures()).isEqualTo(2);
        assertThat(counters.dropped(LogCounters.DropReason.WRITE_ERROR)).isZero();
        assertThat(LogLines.files(spool, LogFile.COMPLETE)).hasSize(1);

        clock.addAndGet(1);
        upload.pass();
        assertThat(counters.dropped(LogCounters.DropReason.WRITE_ERROR)).isEqualTo(4);
        assertThat(LogLines.files(spool, LogFile.COMPLETE)).isEmpty();
        assertThat(counters.uploaded()).isZero();
    }

    @Test
    void wrongCredentialsLeaveNothingInTheStoreAndTheFileSpooledForTheNextTry() {
        logAndComplete(2);
        S3Settings right = S3.settings();
        S3Settings wrong = new S3Settings(right.endpoint(), right.region(), right.pathStyle(), right.accessKeyId(), Optional.of("wrong"));
        try (S3Store store = S3Store.connect(wrong)) {
            upload(store, pod).pass();
        }
        assertThat(S3.store().list(pod)).isEmpty();
        assertThat(counters.uploadFailures()).isEqualTo(1);

        upload(S3.store(), pod).pass();
        assertThat(S3.store().list(pod)).hasSize(1);
    }

    @Test
    void retentionDeletesTheServicesOldObjectsOfEveryPod() {
        S3Uri otherPod = service.resolve("credit-v3-def");
        S3.store().put(otherPod.resolve("20261101T000000Z-000000.jsonl.gz"), new byte[] {1});
        S3.store().put(otherPod.resolve("20261101T000000Z-000001.jsonl.gz.partial"), new byte[] {1});
        S3.store().put(otherPod.resolve("notes.txt"), new byte[] {1});

        upload(S3.store(), pod).pass(); // the first pass sweeps; nothing is old yet by the clock
        assertThat(S3.store().list(service)).hasSize(3);

        clock.set(System.currentTimeMillis() + 24 * HOUR + 60_000);
        LogUpload later = upload(S3.store(), pod);
        later.pass();
        assertThat(S3.store().objects(service)).extracting(StoredObject::key).containsExactly("credit-v3-def/notes.txt");
        assertThat(counters.expired()).isEqualTo(2);
    }

    @Test
    void theStoreIsTheRootAboveModelsOfTheModelsUri() {
        assertThat(LogDestination.s3StoreOf("s3://bucket/team/a/models/credit/3").map(root -> root.resolve("prediction-logs")))
                .contains(S3Uri.parse("s3://bucket/team/a/prediction-logs"));
        assertThat(LogDestination.s3StoreOf("s3://bucket/models/credit/3").map(root -> root.resolve("prediction-logs")))
                .contains(S3Uri.parse("s3://bucket/prediction-logs"));
        assertThat(LogDestination.s3StoreOf("s3://bucket/exports/credit.onnx")).isEmpty();
    }
}
