package dev.seed.mlops.serving.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionLogWriterTest {

    private static final long T0 = Instant.parse("2026-12-02T00:45:12.300Z").toEpochMilli();
    private static final long HOUR = 3_600_000;

    @TempDir
    Path store;
    private final AtomicLong clock = new AtomicLong(T0);
    private final LogCounters counters = new LogCounters();
    private PredictionLogWriter writer;

    private Path podDir() {
        return store.resolve("prediction-logs/ns/credit-risk/credit-risk-v3-abc");
    }

    private PredictionLogWriter writer(long maxFileBytes, long maxFileAgeMillis, int maxQueuedLines, Path podDir) {
        writer = new PredictionLogWriter(new PredictionLogWriter.Settings(podDir, maxFileBytes, maxFileAgeMillis,
                maxQueuedLines, 24 * HOUR, HOUR, 5000), clock::get, counters);
        return writer;
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void writesOneLinePerRowInFormatVersionOneAndCompletesTheFileOnClose() {
        writer(1 << 20, HOUR, 1000, podDir()).start();
        writer.offer(LogLines.prediction("order-1", 1, T0));
        writer.offer(LogLines.prediction("batch-7", 2, T0));
        writer.offer(new LogRecord.Label("order-1", 1.0, T0 - 60_000, T0 + 5));
        writer.offer(new LogRecord.Label("batch-7#1", "churned", T0, T0));
        writer.close();

        assertThat(LogLines.files(store, LogFile.PARTIAL)).isEmpty();
        List<Path> complete = LogLines.files(store, LogFile.COMPLETE);
        assertThat(complete).singleElement().satisfies(file -> {
            assertThat(file.getParent()).isEqualTo(podDir());
            assertThat(file.getFileName().toString()).isEqualTo("20261202T004512Z-000000.jsonl.gz");
        });
        List<String> lines = LogLines.readComplete(complete.get(0)).stream().map(JsonNode::toString).toList();
        assertThat(lines).containsExactly(
                "{\"v\":1,\"type\":\"prediction\",\"id\":\"order-1\",\"time\":\"2026-12-02T00:45:12.300Z\",\"model\":\"credit\",\"version\":\"3\",\"features\":{\"income\":0.0,\"plan\":\"a\"},\"prediction\":0.0}",
                "{\"v\":1,\"type\":\"prediction\",\"id\":\"batch-7#0\",\"time\":\"2026-12-02T00:45:12.300Z\",\"model\":\"credit\",\"version\":\"3\",\"features\":{\"income\":0.0,\"plan\":\"a\"},\"prediction\":0.0}",
                "{\"v\":1,\"type\":\"prediction\",\"id\":\"batch-7#1\",\"time\":\"2026-12-02T00:45:12.300Z\",\"model\":\"credit\",\"version\":\"3\",\"features\":{\"income\":1.0,\"plan\":\"b\"},\"prediction\":0.1}",
                "{\"v\":1,\"type\":\"label\",\"id\":\"order-1\",\"label\":1,\"time\":\"2026-12-02T00:44:12.300Z\",\"received\":\"2026-12-02T00:45:12.305Z\"}",
                "{\"v\":1,\"type\":\"label\",\"id\":\"batch-7#1\",\"label\":\"churned\",\"time\":\"2026-12-02T00:45:12.300Z\",\"received\":\"2026-12-02T00:45:12.300Z\"}");
        assertThat(counters.predictions()).isEqualTo(3);
        assertThat(counters.labels()).isEqualTo(2);
        assertThat(counters.files()).isEqualTo(1);
    }

    @Test
    void rotatesWhenAFileReachesItsSize() {
        writer(1, HOUR, 1000, podDir()).start();
        for (int i = 0; i < 5; i++) {
            writer.offer(LogLines.prediction("r" + i, 1, T0));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.files() == 5);

        List<Path> complete = LogLines.files(store, LogFile.COMPLETE);
        assertThat(complete).hasSize(5).extracting(p -> p.getFileName().toString())
                .allMatch(name -> name.matches("20261202T004512Z-00000[0-4]\\.jsonl\\.gz"));
        assertThat(complete).allSatisfy(file -> assertThat(LogLines.readComplete(file)).hasSize(1));
        assertThat(LogLines.read(store)).extracting(line -> line.get("id").asText())
                .containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void rotatesWhenAFileReachesItsAgeEvenWithoutNewRecords() {
        writer(1 << 20, 60_000, 1000, podDir()).start();
        writer.offer(LogLines.prediction("before", 1, T0));
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.predictions() == 1);
        assertThat(LogLines.files(store, LogFile.PARTIAL)).hasSize(1);

        clock.addAndGet(60_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.files() == 1);
        writer.offer(LogLines.prediction("after", 1, clock.get()));
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.predictions() == 2);

        assertThat(LogLines.files(store, LogFile.COMPLETE)).singleElement()
                .satisfies(file -> assertThat(LogLines.readComplete(file)).extracting(l -> l.get("id").asText())
                        .containsExactly("before"));
        assertThat(LogLines.files(store, LogFile.PARTIAL)).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("20261202T004612Z-000001.jsonl.gz.partial");
            assertThat(LogLines.readPartial(file)).extracting(l -> l.get("id").asText()).containsExactly("after");
        });
    }

    @Test
    void anOpenPartialFileIsReadableUpToItsLastFlush() {
        writer(1 << 20, HOUR, 1000, podDir()).start();
        for (int i = 0; i < 100; i++) {
            writer.offer(LogLines.prediction("r" + i, 3, T0));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.predictions() == 300);

        assertThat(LogLines.files(store, LogFile.COMPLETE)).isEmpty();
        assertThat(LogLines.files(store, LogFile.PARTIAL)).singleElement()
                .satisfies(file -> assertThat(LogLines.readPartial(file)).hasSize(300));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        writer(1 << 20, HOUR, 10, podDir()); // not started: nothing drains the queue
        for (int i = 0; i < 5; i++) {
            assertThat(writer.offer(LogLines.prediction("r" + i, 2, T0))).isTrue();
        }
        assertThat(writer.offer(LogLines.prediction("over", 2, T0))).isFalse();
        assertThat(writer.offer(new LogRecord.Label("l", 1.0, T0, T0))).isFalse();

        assertThat(writer.queuedLines()).isEqualTo(10);
        assertThat(counters.dropped(LogCounters.DropReason.QUEUE_FULL)).isEqualTo(3);
        writer = null;
    }

    @Test
    void anUnwritableStoreDropsAndCountsAndNeverThrowsToTheCaller() throws IOException {
        Path inTheWay = Files.writeString(store.resolve("prediction-logs"), "a file where a directory should be");
        writer(1 << 20, HOUR, 1000, inTheWay.resolve("ns/credit-risk/pod")).start();
        assertThatCode(() -> {
            for (int i = 0; i < 50; i++) {
                writer.offer(LogLines.prediction("r" + i, 2, T0));
            }
        }).doesNotThrowAnyException();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> counters.dropped(LogCounters.DropReason.WRITE_ERROR) == 100);
        assertThat(counters.predictions()).isZero();
    }

    @Test
    void recordsOfferedAfterCloseAreCountedAsShutdownDrops() {
        writer(1 << 20, HOUR, 1000, podDir()).start();
        writer.offer(LogLines.prediction("kept", 1, T0));
        writer.close();
        assertThat(writer.offer(LogLines.prediction("late", 4, T0))).isFalse();

        assertThat(counters.dropped(LogCounters.DropReason.SHUTDOWN)).isEqualTo(4);
        assertThat(LogLines.read(store)).extracting(l -> l.get("id").asText()).containsExactly("kept");
    }
}
