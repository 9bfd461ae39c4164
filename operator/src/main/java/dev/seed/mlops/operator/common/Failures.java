package dev.seed.mlops.operator.common;

import java.util.concurrent.CompletionException;

/** What went wrong, in words for status and events: the one place that turns an exception into its message. */
public final class Failures {
    private Failures() {
    }

    /** The failure's message, or its kind when it has none; a CompletionException is the wrapper of its cause. */
    public static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
