package dev.seed.mlops.store;

/**
 * An object-store operation failed. The message names the URI and the cause in words a user can act on; it never
 * holds credentials (the SDK's own messages carry none, and the settings' toString hides the secret).
 */
public class ObjectStoreException extends RuntimeException {
    private final boolean retriable;

    public ObjectStoreException(String message) {
        this(message, null, false);
    }

    public ObjectStoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public ObjectStoreException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether a new attempt may succeed: the store was unreachable or failed (5xx), not refused or wrong content. */
    public boolean retriable() {
        return retriable;
    }
}
