package dev.seed.mlops.serving.predictionlog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Expires a service's prediction logs: every pod of the service sweeps the whole service directory, so the files of
 * pods that are gone expire too. Deletes are idempotent (a file another pod deleted first is skipped) and only touch
 * log files last modified before the cutoff; an open file is modified at every flush and rotated long before it could
 * be that old, and is skipped anyway. Empty directories untouched since the cutoff (of pods that are gone) are removed.
 */
final class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private RetentionSweep() {
    }

    /** @return the files deleted */
    static long sweep(Path serviceDir, long cutoffMillis, Path open) {
        long deleted = 0;
        try (DirectoryStream<Path> pods = Files.newDirectoryStream(serviceDir, Files::isDirectory)) {
            for (Path pod : pods) {
                deleted += sweepPod(pod, cutoffMillis, open);
            }
        } catch (NoSuchFileException gone) {
            return deleted;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("prediction log retention: cannot list %s: %s", serviceDir, e.toString());
        }
        return deleted;
    }

    private static long sweepPod(Path pod, long cutoffMillis, Path open) {
        long deleted = 0;
        boolean empty = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pod)) {
            for (Path file : files) {
                if (isLog(file) && !file.equals(open) && olderThan(file, cutoffMillis)) {
                    deleted += Files.deleteIfExists(file) ? 1 : 0;
                } else {
                    empty = false;
                }
            }
            // a directory is renamed into at every rotation: one untouched since the cutoff belongs to a gone pod
            if (empty && olderThan(pod, cutoffMillis)) {
                Files.deleteIfExists(pod);
            }
        } catch (IOException | RuntimeException e) {
            // another pod swept it first, or it is not ours to delete: the next sweep tries again
            LOG.debugf("prediction log retention: %s: %s", pod, e.toString());
        }
        return deleted;
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(LogFile.COMPLETE) || name.endsWith(LogFile.PARTIAL);
    }

    private static boolean olderThan(Path file, long cutoffMillis) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toMillis() < cutoffMillis;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
