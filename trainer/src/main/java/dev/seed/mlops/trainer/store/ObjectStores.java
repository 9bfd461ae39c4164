package dev.seed.mlops.trainer.store;

import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.trainer.TrainerException;

/**
 * The one S3 client of this process, made on first use from the environment the operator sets (S3Settings), so
 * commands that never touch s3:// need no settings. Tests that run commands in-process point it at their server.
 */
public final class ObjectStores {
    private static S3Settings settings;
    private static S3Store store;

    private ObjectStores() {
    }

    public static synchronized S3Store s3() {
        if (store == null) {
            try {
                store = S3Store.connect(settings == null ? S3Settings.fromEnvironment() : settings);
            } catch (ObjectStoreException e) {
                throw new TrainerException("object store settings: " + e.getMessage(), e);
            }
        }
        return store;
    }

    /** Replaces the settings of the environment (and closes a client made from them). */
    public static synchronized void use(S3Settings replacement) {
        if (store != null) {
            store.close();
            store = null;
        }
        settings = replacement;
    }

    /** The failure as the trainer reports it: retriable when the store was unreachable, else the input's fault. */
    public static TrainerException failure(ObjectStoreException e) {
        return e.retriable() ? TrainerException.transientFailure(e.getMessage(), e) : new TrainerException(e.getMessage(), e);
    }
}
