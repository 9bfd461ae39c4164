package dev.seed.mlops.trainer.source;

import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code pvc://<claim>/<path>} from the claim's mount, and local paths (for runs outside a cluster). */
public final class LocalFileReader implements SourceReader {
    private final Path pvcRoot;

    public LocalFileReader(Path pvcRoot) {
        this.pvcRoot = pvcRoot;
    }

    @Override
    public boolean accepts(String uri) {
        return uri.startsWith(StoreLocation.PVC_SCHEME) || uri.startsWith(StoreLocation.FILE_SCHEME) || !uri.contains("://");
    }

    @Override
    public InputStream open(String uri) throws IOException {
        Path file = StoreLocation.parse(uri, pvcRoot).path();
        if (Files.isDirectory(file)) {
            throw new SourceUnreadableException(uri, file + " is a directory, not a file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new SourceUnreadableException(uri, "no such file " + file, e);
        } catch (AccessDeniedException e) {
            throw new SourceUnreadableException(uri, "permission denied on " + file, e);
        }
    }
}
