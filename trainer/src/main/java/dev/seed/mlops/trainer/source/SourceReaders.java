package dev.seed.mlops.trainer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Picks the reader for a source URI by its scheme. */
public final class SourceReaders implements SourceReader {
    private final List<SourceReader> readers;

    public SourceReaders(List<SourceReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** The readers of this release: PVC mounts and local files, https. */
    public static SourceReaders standard(Path pvcRoot) {
        return new SourceReaders(List.of(new LocalFileReader(pvcRoot), new HttpsReader(), new S3Reader()));
    }

    @Override
    public boolean accepts(String uri) {
        return readers.stream().anyMatch(reader -> reader.accepts(uri));
    }

    @Override
    public InputStream open(String uri) throws IOException {
        for (SourceReader reader : readers) {
            if (reader.accepts(uri)) {
                return reader.open(uri);
            }
        }
        throw new SourceUnreadableException(uri, "this trainer reads pvc://, s3://, https:// and local paths; "
                + "the scheme of this URI is not supported yet");
    }
}
