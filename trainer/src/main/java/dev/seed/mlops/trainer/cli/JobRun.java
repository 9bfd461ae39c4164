package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.TerminationLog;
import dev.seed.mlops.trainer.TrainerException;
import java.io.PrintStream;

/**
 * Runs a command's work and reports it the same way for every command: the result JSON to the termination log
 * and to stdout, exit code 0 on success and 1 on failure, with a message naming what was wrong.
 */
final class JobRun {
    static final int FAILED = 1;

    @FunctionalInterface
    interface Work {
        JobResult run() throws Exception;
    }

    private JobRun() {
    }

    static int execute(String command, CommonOptions options, PrintStream out, PrintStream err, Work work) {
        JobResult result;
        try {
            result = work.run();
        } catch (TrainerException e) {
            result = failure(command, e.getMessage());
        } catch (Exception | OutOfMemoryError e) {
            e.printStackTrace(err);
            result = failure(command, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!result.success()) {
            err.println(command + " failed: " + result.message());
        }
        new TerminationLog(options.terminationLog, err).write(result);
        try {
            out.println("result: " + TerminationLog.toJson(result));
        } catch (Exception e) {
            err.println("cannot print the result: " + e);
        }
        return result.success() ? 0 : FAILED;
    }

    private static JobResult failure(String command, String message) {
        return new JobResult(command, false, null, null, null, null, null, null, message);
    }
}
