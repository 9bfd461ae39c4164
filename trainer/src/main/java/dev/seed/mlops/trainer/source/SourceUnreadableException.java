package dev.seed.mlops.trainer.source;

import dev.seed.mlops.trainer.TrainerException;

/** The source could not be opened or read to the end. */
public class SourceUnreadableException extends TrainerException {
    public SourceUnreadableException(String uri, String reason) {
        super("source " + uri + ": rule readable: " + reason);
    }

    public SourceUnreadableException(String uri, String reason, Throwable cause) {
        super("source " + uri + ": rule readable: " + reason, cause);
    }
}
