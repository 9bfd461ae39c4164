package dev.seed.mlops.trainer.source;

import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.store.ObjectStores;
import java.io.InputStream;

/** Reads {@code s3://<bucket>/<key>} as a stream from the object store: a source larger than memory is never held. */
public final class S3Reader implements SourceReader {
    @Override
    public boolean accepts(String uri) {
        return S3Uri.isS3(uri);
    }

    @Override
    public InputStream open(String uri) {
        S3Uri object;
        try {
            object = S3Uri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new SourceUnreadableException(uri, e.getMessage(), e);
        }
        try {
            return ObjectStores.s3().open(object);
        } catch (ObjectStoreException e) {
            if (e.retriable()) {
                throw TrainerException.transientFailure("source " + uri + ": rule readable: " + e.getMessage(), e);
            }
            throw new SourceUnreadableException(uri, e.getMessage(), e);
        }
    }
}
