package dev.seed.mlops.trainer.store;

import dev.seed.mlops.store.AlreadyPublishedException;
import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.PublishedDirectory;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Snapshots and artifacts wherever the store is. On a claim: {@link AtomicDirectory}. On S3: written into a local
 * scratch directory, then published (files under a fresh prefix, {@code published.json} last); read by downloading
 * into a scratch directory with every file checked against {@code published.json}.
 */
public final class StoredDirectories {
    private StoredDirectories() {
    }

    public static boolean exists(StoreLocation location) {
        if (!location.isS3()) {
            return Files.exists(location.path());
        }
        try {
            return new PublishedDirectory(ObjectStores.s3()).isPublished(location.s3Uri());
        } catch (ObjectStoreException e) {
            throw ObjectStores.failure(e);
        }
    }

    /**
     * Writes {@code content} and makes it visible at {@code target} all at once.
     *
     * @throws FileAlreadyExistsException if the target exists (it is left untouched)
     */
    public static void publish(StoreLocation target, AtomicDirectory.Content content) throws IOException {
        if (!target.isS3()) {
            AtomicDirectory.publish(target.path(), content);
            return;
        }
        Path scratch = Files.createTempDirectory("mlops-publish-");
        try {
            content.writeInto(scratch);
            new PublishedDirectory(ObjectStores.s3()).publish(target.s3Uri(), scratch);
        } catch (AlreadyPublishedException e) {
            throw new FileAlreadyExistsException(target.uri());
        } catch (ObjectStoreException e) {
            throw ObjectStores.failure(e);
        } finally {
            AtomicDirectory.deleteRecursively(scratch);
        }
    }

    /** One small file of a stored directory (a spec, a profile), checked against published.json on S3. */
    public static byte[] readFile(StoreLocation directory, String name) throws IOException {
        if (!directory.isS3()) {
            return Files.readAllBytes(directory.path().resolve(name));
        }
        try {
            return new PublishedDirectory(ObjectStores.s3()).readFile(directory.s3Uri(), name);
        } catch (ObjectStoreException e) {
            throw ObjectStores.failure(e);
        }
    }

    /**
     * The location with a local path that holds its files: itself on a claim; on S3, a verified download into a
     * scratch directory (refused when the directory is not published or a file changed after publication).
     */
    public static StoreLocation readable(StoreLocation location) throws IOException {
        if (!location.isS3()) {
            return location;
        }
        Path copy = Files.createTempDirectory("mlops-fetch-");
        try {
            new PublishedDirectory(ObjectStores.s3()).fetch(location.s3Uri(), copy);
        } catch (ObjectStoreException e) {
            AtomicDirectory.deleteRecursively(copy);
            throw ObjectStores.failure(e);
        }
        return new StoreLocation(location.uri(), copy);
    }
}
