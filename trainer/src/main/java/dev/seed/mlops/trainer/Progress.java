package dev.seed.mlops.trainer;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines for humans reading {@code kubectl logs}: the step, then what it did and how long it has run. */
public final class Progress {
    private final PrintStream out;
    private final String command;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out, String command) {
        this.out = out;
        this.command = command;
    }

    public void step(String format, Object... args) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "[%s %7.2fs] %s%n", command, seconds, String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
