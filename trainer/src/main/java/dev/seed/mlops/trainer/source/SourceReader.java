package dev.seed.mlops.trainer.source;

import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of a Dataset source. One implementation per URI scheme; s3:// can be added beside these. */
public interface SourceReader {
    /** Whether this reader handles the URI (by its scheme). */
    boolean accepts(String uri);

    /**
     * Opens the source for one sequential read.
     *
     * @throws SourceUnreadableException when the source does not exist or cannot be read
     */
    InputStream open(String uri) throws IOException;
}
