package dev.seed.mlops.serving.model;

/** The artifact directory cannot be served: a file is missing, unreadable, or does not match the manifest. */
public class InvalidArtifactException extends RuntimeException {

    public InvalidArtifactException(String message) {
        super(message);
    }

    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
