package dev.seed.mlops.trainer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.seed.mlops.trainer.store.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading prediction logs (format v1) and label files as the serving pods and users leave them in the store. */
class ServiceLogsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path store;

    @Test
    void readsEveryPodsCompleteFilesAndLabelsLoggedByAnotherPod() {
        new PredictionLogFixture(store, "prod", "credit", "credit-v3-aaa").prediction("r1", T0, "credit", 3, 0.8).complete();
        new PredictionLogFixture(store, "prod", "credit", "credit-v3-bbb").prediction("r2", T0, "credit", 3, 0.2).label("r1", 1, T0.plusSeconds(9)).complete();
        Collected logs = read(new Refusals());
        assertThat(logs.predictions()).extracting(LoggedPrediction::id).containsExactlyInAnyOrder("r1", "r2");
        assertThat(logs.labels()).extracting(ArrivedLabel::id).containsExactly("r1");
        assertThat(logs.files()).isEqualTo(2);
    }

    @Test
    void aPartialFileIsReadUpToItsBreakAndNeverFailsTheRead() {
        PredictionLogFixture pod = new PredictionLogFixture(store, "prod", "credit", "credit-v3-aaa");
        for (int i = 0; i < 2000; i++) {
            pod.prediction("r" + i, T0.plusSeconds(i), "credit", 3, (i % 100) / 100.0);
        }
        pod.partial(200);
        Refusals refusals = new Refusals();
        Collected logs = read(refusals);
        assertThat(logs.predictions()).hasSizeBetween(1, 1999);
        // Every line read was whole: the broken tail is dropped, not refused as malformed.
        assertThat(refusals.total()).isZero();
        assertThat(logs.brokenFiles()).isZero();
    }

    @Test
    void aCompleteFileThatBreaksOffIsCountedAndItsLinesBeforeTheBreakAreKept() throws IOException {
        PredictionLogFixture pod = new PredictionLogFixture(store, "prod", "credit", "credit-v3-aaa");
        for (int i = 0; i < 2000; i++) {
            pod.prediction("r" + i, T0.plusSeconds(i), "credit", 3, (i % 100) / 100.0);
        }
        Path partial = pod.partial(200);
        Files.move(partial, partial.resolveSibling(partial.getFileName().toString().replace(".partial", "")));
        Collected logs = read(new Refusals());
        assertThat(logs.brokenFiles()).isEqualTo(1);
        assertThat(logs.predictions()).isNotEmpty();
    }

    @Test
    void linesOfAnUnknownFormatVersionAreRefusedWithTheirReasonNeverGuessed() {
        new PredictionLogFixture(store, "prod", "credit", "p")
                .prediction("r1", T0, "credit", 3, 0.8)
                .line("{\"v\":2,\"type\":\"prediction\",\"id\":\"r2\",\"time\":\"2026-01-01T00:00:00Z\",\"model\":\"credit\",\"version\":\"3\",\"prediction\":0.1}")
                .line("{\"type\":\"prediction\",\"id\":\"r3\"}")
                .line("not json")
                .line("{\"v\":1,\"type\":\"explanation\"}")
                .complete();
        Refusals refusals = new Refusals();
        Collected logs = read(refusals);
        assertThat(logs.predictions()).extracting(LoggedPrediction::id).containsExactly("r1");
        assertThat(refusals.byReason()).containsOnlyKeys("format version v=2 unknown to this reader (it reads v=1)",
                "line without a format version v", "malformed JSON", "line type 'explanation' unknown");
    }

    @Test
    void stringLabelsThatSpellANumberAreReadAndOthersRefused() {
        new PredictionLogFixture(store, "prod", "credit", "p").label("r1", "1", T0).label("r2", "yes", T0).complete();
        Refusals refusals = new Refusals();
        Collected logs = read(refusals);
        assertThat(logs.labels()).extracting(ArrivedLabel::label).containsExactly(1.0);
        assertThat(refusals.byReason()).containsOnlyKeys("label that is not a finite number");
    }

    @Test
    void labelFilesInCsvAndJsonLinesArriveAtTheirModificationTime() throws IOException {
        Path labels = Files.createDirectories(store.resolve("labels/prod/credit"));
        Path csv = Files.writeString(labels.resolve("batch-1.csv"), "id,label,time\nr1,1,2026-01-01T00:00:00Z\nr2,,x\n");
        Files.writeString(labels.resolve("batch-2.jsonl"), "{\"id\":\"r3\",\"label\":0,\"time\":\"2026-01-01T00:00:00Z\"}\n");
        Files.setLastModifiedTime(csv, FileTime.from(T0.plusSeconds(60)));
        Refusals refusals = new Refusals();
        Collected logs = read(refusals);
        assertThat(logs.labels()).extracting(ArrivedLabel::id).containsExactlyInAnyOrder("r1", "r3");
        assertThat(logs.labels()).filteredOn(l -> l.id().equals("r1")).extracting(ArrivedLabel::received).containsExactly(T0.plusSeconds(60));
        assertThat(refusals.total()).isEqualTo(1);
    }

    /** What one read handed on, collected for the assertions. */
    private record Collected(List<LoggedPrediction> predictions, List<ArrivedLabel> labels, int files, int brokenFiles) {
    }

    private Collected read(Refusals refusals) {
        List<LoggedPrediction> predictions = new ArrayList<>();
        List<ArrivedLabel> labels = new ArrayList<>();
        ServiceLogs logs = ServiceLogs.read(StoreLocation.parse(store.toString(), store), "prod", "credit", predictions::add, labels::add, refusals);
        return new Collected(predictions, labels, logs.files(), logs.brokenFiles());
    }
}
