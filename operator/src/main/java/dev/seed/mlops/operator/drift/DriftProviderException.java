package dev.seed.mlops.operator.drift;

/** Drift could not be read; the message names what failed and what to check, for the Degraded condition. */
public class DriftProviderException extends Exception {
    public DriftProviderException(String message) {
        super(message);
    }

    public DriftProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
