package dev.seed.mlops.serving.model;

/**
 * A request value the model cannot take. The message names the row and the feature, since it goes back
 * to the client as the explanation of a 400.
 */
public class InvalidInputException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  a CamelCase word a client can branch on, e.g. MissingFeature
     * @param message what is wrong, for a human
     */
    public InvalidInputException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
