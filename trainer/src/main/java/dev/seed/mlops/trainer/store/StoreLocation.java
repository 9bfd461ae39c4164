package dev.seed.mlops.trainer.store;

import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.trainer.TrainerException;
import java.nio.file.Path;

/**
 * A place in the artifact store as the operator names it (its URI) and as this pod sees it (a local path).
 *
 * <p>{@code pvc://<claim>/<path>} is read from the claim's mount at {@code <pvcRoot>/<claim>/<path>}: the
 * operator mounts every claim a Job needs under one root ({@code --pvc-root}, default {@code /mnt/pvc}).
 * A plain path or {@code file://} URI names a local directory, for running outside a cluster.
 * {@code s3://<bucket>/<key>} is in an object store: it has no local path until {@link StoredDirectories#readable}
 * downloads it, and is written through {@link StoredDirectories#publish}.
 */
public record StoreLocation(String uri, Path path) {
    public static final String PVC_SCHEME = "pvc://";
    public static final String FILE_SCHEME = "file://";

    public static StoreLocation parse(String uriOrPath, Path pvcRoot) {
        String trimmed = stripTrailingSlash(uriOrPath.strip());
        if (trimmed.startsWith(PVC_SCHEME)) {
            String claimAndPath = trimmed.substring(PVC_SCHEME.length());
            if (claimAndPath.isEmpty() || claimAndPath.startsWith("/") || claimAndPath.contains("..")) {
                throw new TrainerException("'" + uriOrPath + "' is not a pvc://<claim>/<path> URI");
            }
            return new StoreLocation(trimmed, pvcRoot.resolve(claimAndPath));
        }
        if (S3Uri.isS3(trimmed)) {
            try {
                return new StoreLocation(S3Uri.parse(trimmed).toString(), null);
            } catch (IllegalArgumentException e) {
                throw new TrainerException(e.getMessage(), e);
            }
        }
        if (trimmed.contains("://") && !trimmed.startsWith(FILE_SCHEME)) {
            throw new TrainerException("'" + uriOrPath + "': only pvc://, s3:// and local paths can be used here");
        }
        String local = trimmed.startsWith(FILE_SCHEME) ? trimmed.substring(FILE_SCHEME.length()) : trimmed;
        Path path = Path.of(local).toAbsolutePath().normalize();
        return new StoreLocation(path.toString(), path);
    }

    public StoreLocation resolve(String relative) {
        return new StoreLocation(uri + "/" + relative, path == null ? null : path.resolve(relative));
    }

    /** In an object store, with no local path. */
    public boolean isS3() {
        return path == null;
    }

    /** The local path of a location only a mounted store can hold (sample files). */
    public Path localPath(String what) {
        if (isS3()) {
            throw new TrainerException(what + " must be on a pvc:// claim or a local path, not " + uri);
        }
        return path;
    }

    S3Uri s3Uri() {
        return S3Uri.parse(uri);
    }

    private static String stripTrailingSlash(String text) {
        return text.length() > 1 && text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
