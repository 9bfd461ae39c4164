package dev.seed.mlops.trainer;

/**
 * A failure the trainer explains: usually one the user can fix (bad input, bad settings), which running again cannot
 * mend; or, made by {@link #transientFailure}, one of the surroundings (a worker group that could not form) that a
 * new attempt may get past. The message says what and where.
 */
public class TrainerException extends RuntimeException {
    private final boolean retriable;

    public TrainerException(String message) {
        this(message, null, false);
    }

    public TrainerException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private TrainerException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** A failure a new attempt may get past; the command exits 1, not the exit code of bad input. */
    public static TrainerException transientFailure(String message, Throwable cause) {
        return new TrainerException(message, cause, true);
    }

    public boolean retriable() {
        return retriable;
    }
}
