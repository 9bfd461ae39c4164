package dev.seed.mlops.serving.batch;

import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens a shard's input files wherever they are: a local path (a claim's mount), or on S3 a plain object (streamed,
 * never held whole) or a file of a published directory such as a Dataset snapshot ({@code <snapshot>/train.csv}: the
 * directory is downloaded once into the scratch directory and every file checked against its published.json).
 */
final class ShardInputs {
    private final RunStore store;
    private final Path scratch;
    private final Map<S3Uri, Path> downloaded = new HashMap<>();

    ShardInputs(RunStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    InputStream open(String location) throws IOException {
        if (!S3Uri.isS3(location)) {
            return Files.newInputStream(Path.of(location));
        }
        S3Uri uri = S3Uri.parse(location);
        int slash = uri.key().lastIndexOf('/');
        S3Uri directory = slash < 0 ? null : new S3Uri(uri.bucket(), uri.key().substring(0, slash));
        try {
            S3Store s3 = store.s3();
            if (directory != null && new PublishedDirectory(s3).isPublished(directory)) {
                return Files.newInputStream(download(s3, directory).resolve(uri.key().substring(slash + 1)));
            }
            return s3.open(uri);
        } catch (ObjectStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Path download(S3Store s3, S3Uri directory) throws IOException {
        Path local = downloaded.get(directory);
        if (local == null) {
            local = scratch.resolve("input-" + downloaded.size());
            new PublishedDirectory(s3).fetch(directory, local);
            downloaded.put(directory, local);
        }
        return local;
    }
}
