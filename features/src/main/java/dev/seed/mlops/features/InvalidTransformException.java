package dev.seed.mlops.features;

/** A declared transform that cannot be fitted or applied: the message names the transform and the column. */
public class InvalidTransformException extends IllegalArgumentException {
    public InvalidTransformException(String transform, String problem) {
        super("transform '" + transform + "': " + problem);
    }
}
