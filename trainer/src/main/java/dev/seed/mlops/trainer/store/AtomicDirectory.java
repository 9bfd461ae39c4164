package dev.seed.mlops.trainer.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Publishes a directory all at once: its files are written into a hidden sibling, which is renamed to the
 * target only when complete. A crash leaves at most a {@code .tmp-*} directory, never a partial target.
 */
public final class AtomicDirectory {
    /** Prefix of the staging directories; readers ignore entries starting with a dot. */
    public static final String STAGING_PREFIX = ".tmp-";

    @FunctionalInterface
    public interface Content {
        void writeInto(Path directory) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * Writes {@code content} and renames it to {@code target}.
     *
     * @throws FileAlreadyExistsException if the target appeared meanwhile (it is left untouched)
     */
    public static void publish(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, STAGING_PREFIX + target.getFileName() + "-");
        makeReadableByAll(staging);
        try {
            content.writeInto(staging);
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the store at " + parent + " cannot rename atomically", e);
            }
        } finally {
            deleteRecursively(staging);
        }
    }

    /** Temporary directories are private; the published one is read by other pods (servers, other users). */
    private static void makeReadableByAll(Path directory) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path entry : (Iterable<Path>) entries.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + directory, e);
        }
    }
}
