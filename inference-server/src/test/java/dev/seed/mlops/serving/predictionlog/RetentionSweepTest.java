package dev.seed.mlops.serving.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweepTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path service;

    private Path file(String relative, long modifiedMillis) throws IOException {
        Path file = service.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
        return file;
    }

    @Test
    void deletesTheLogFilesOfEveryPodOlderThanTheCutoffAndNothingElse() throws IOException {
        Path oldComplete = file("pod-a/20261101T000000Z-000000.jsonl.gz", NOW - 8 * DAY);
        Path oldPartial = file("pod-a/20261101T001000Z-000001.jsonl.gz.partial", NOW - 8 * DAY);
        Path recent = file("pod-a/20261201T000000Z-000002.jsonl.gz", NOW - DAY);
        Path goneOld = file("pod-gone/20261101T000000Z-000000.jsonl.gz", NOW - 9 * DAY);
        Path notALog = file("pod-b/notes.txt", NOW - 30 * DAY);
        Files.setLastModifiedTime(service.resolve("pod-gone"), FileTime.fromMillis(NOW - 9 * DAY));

        long deleted = RetentionSweep.sweep(service, NOW - 7 * DAY, null);

        assertThat(deleted).isEqualTo(3);
        assertThat(oldComplete).doesNotExist();
        assertThat(oldPartial).doesNotExist();
        assertThat(goneOld).doesNotExist();
        assertThat(recent).exists();
        assertThat(notALog).exists();
        assertThat(service.resolve("pod-a")).exists();
    }

    @Test
    void theOpenFileIsNeverDeleted() throws IOException {
        Path open = file("pod-a/20261101T000000Z-000000.jsonl.gz.partial", NOW - 8 * DAY);
        assertThat(RetentionSweep.sweep(service, NOW - 7 * DAY, open)).isZero();
        assertThat(open).exists();
    }

    @Test
    void aSecondSweepOrAMissingDirectoryIsHarmless() throws IOException {
        file("pod-a/20261101T000000Z-000000.jsonl.gz", NOW - 8 * DAY);
        assertThat(RetentionSweep.sweep(service, NOW - 7 * DAY, null)).isEqualTo(1);
        assertThat(RetentionSweep.sweep(service, NOW - 7 * DAY, null)).isZero();
        assertThat(RetentionSweep.sweep(service.resolve("no-such-service"), NOW, null)).isZero();
    }
}
