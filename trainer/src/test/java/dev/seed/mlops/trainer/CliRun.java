package dev.seed.mlops.trainer;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.cli.TrainerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the trainer's command line in this JVM and reads back the result it wrote to its termination log. */
public record CliRun(int exitCode, JobResult result) {

    public static CliRun run(Path workDir, String... args) {
        Path terminationLog = workDir.resolve("termination-log-" + System.nanoTime());
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--termination-log");
        all.add(terminationLog.toString());
        int exitCode = TrainerMain.run(all.toArray(String[]::new));
        try {
            JobResult result = Files.exists(terminationLog)
                    ? Json.mapper().readValue(terminationLog.toFile(), JobResult.class) : null;
            return new CliRun(exitCode, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
