package dev.seed.mlops.trainer.store;

import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A file that serving pods or users left in the store (prediction logs, label files), on a claim or on S3 alike.
 *
 * @param location where it is
 * @param name     its path below the directory it was listed in
 * @param modified when it was last written
 */
public record StoreFile(StoreLocation location, String name, Instant modified) {

    /**
     * The files under {@code directory} at most {@code depth} levels down ({@code 1}: its own files), in name order;
     * none when the directory does not exist. On S3 a missing bucket or refused credentials fail, naming the URI.
     */
    public static List<StoreFile> list(StoreLocation directory, int depth) {
        Stream<StoreFile> files = directory.isS3() ? s3(directory, depth) : local(directory, depth);
        return files.sorted(Comparator.comparing(StoreFile::name)).toList();
    }

    private static Stream<StoreFile> s3(StoreLocation directory, int depth) {
        List<StoredObject> objects;
        try {
            objects = ObjectStores.s3().objects(directory.s3Uri());
        } catch (ObjectStoreException e) {
            throw ObjectStores.failure(e);
        }
        return objects.stream()
                .filter(o -> o.key().chars().filter(c -> c == '/').count() < depth)
                .map(o -> new StoreFile(directory.resolve(o.key()), o.key(), o.lastModified()));
    }

    private static Stream<StoreFile> local(StoreLocation directory, int depth) {
        Path root = directory.path();
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(Files::isRegularFile).map(f -> new StoreFile(directory.resolve(root.relativize(f).toString()),
                    root.relativize(f).toString(), modified(f))).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + file, e);
        }
    }

    /** Its bytes, streamed (never held whole). */
    public InputStream open() throws IOException {
        if (!location.isS3()) {
            return Files.newInputStream(location.path());
        }
        try {
            return ObjectStores.s3().open(location.s3Uri());
        } catch (ObjectStoreException e) {
            throw ObjectStores.failure(e);
        }
    }

    /** Its file name, without the directories it was listed through. */
    public String fileName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return location.uri();
    }
}
