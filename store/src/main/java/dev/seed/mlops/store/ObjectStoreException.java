package dev.seed.mlops.store;

/**
 * An object-store operation failed. The message names the URI and the cause in words a user can act on; it never
 * holds credentials (the SDK's own messages carry none, and the settings' toString hides the secret).
 */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message) {
        super(message);
    }

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
