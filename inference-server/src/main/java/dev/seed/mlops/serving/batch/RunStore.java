package dev.seed.mlops.serving.batch;

import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import java.util.function.Supplier;

/** The object store of a shard, connected on first use (a run on claims only needs no settings), closed at the end. */
final class RunStore implements AutoCloseable {
    private final Supplier<S3Settings> settings;
    private S3Store store;

    RunStore(Supplier<S3Settings> settings) {
        this.settings = settings;
    }

    S3Store s3() {
        if (store == null) {
            store = S3Store.connect(settings.get());
        }
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
