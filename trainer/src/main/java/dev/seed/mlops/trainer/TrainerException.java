package dev.seed.mlops.trainer;

/** A failure the user can fix (bad input, bad settings); the message says what and where. */
public class TrainerException extends RuntimeException {
    public TrainerException(String message) {
        super(message);
    }

    public TrainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
