package dev.seed.mlops.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of a command-line tool the tests drive (helm, promtool, go): its exit code and its output, stderr included. */
public record ToolRun(int exit, String output) {

    public static ToolRun of(List<String> command) throws IOException, InterruptedException {
        return in(null, Duration.ofSeconds(60), command);
    }

    /** Runs {@code command} in {@code dir} (null: the current one); fails the test if it does not end within {@code limit}. */
    public static ToolRun in(Path dir, Duration limit, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + limit + ":\n" + output);
        }
        return new ToolRun(process.exitValue(), output);
    }
}
