package dev.seed.mlops.serving.routing;

/** A routing document the pod cannot follow; the pod keeps its last good routing. */
public final class InvalidRoutingException extends RuntimeException {

    public InvalidRoutingException(String message) {
        super(message);
    }
}
