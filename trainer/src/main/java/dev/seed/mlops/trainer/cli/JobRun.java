package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.TerminationLog;
import dev.seed.mlops.trainer.TrainerException;
import java.io.PrintStream;

/**
 * Runs a command's work and reports it the same way for every command: the result JSON to the termination log
 * and to stdout; exit code 0 on success, {@link JobResult#INVALID_INPUT_EXIT_CODE} when the input is wrong (a
 * {@link TrainerException}: retrying cannot help, the same code picocli gives a bad command line) and 1 on any other
 * failure, with a message naming what was wrong.
 */
final class JobRun {
    static final int FAILED = 1;
    static final int INVALID_INPUT = JobResult.INVALID_INPUT_EXIT_CODE;

    @FunctionalInterface
    interface Work {
        JobResult run() throws Exception;
    }

    private JobRun() {
    }

    static int execute(String command, CommonOptions options, PrintStream out, PrintStream err, Work work) {
        return execute(command, options, out, err, work, true);
    }

    /**
     * @param reportSuccess whether a success goes to the termination log too: a Job has one result, so the workers of a
     *                      group other than worker 0 report only their failures there
     */
    static int execute(String command, CommonOptions options, PrintStream out, PrintStream err, Work work, boolean reportSuccess) {
        JobResult result;
        int failureCode = FAILED;
        try {
            result = work.run();
        } catch (TrainerException e) {
            result = failure(command, e.getMessage());
            failureCode = e.retriable() ? FAILED : INVALID_INPUT;
        } catch (Exception | OutOfMemoryError e) {
            e.printStackTrace(err);
            result = failure(command, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!result.success()) {
            err.println(command + " failed: " + result.message());
        }
        if (!result.success() || reportSuccess) {
            new TerminationLog(options.terminationLog, err).write(result);
        }
        try {
            out.println("result: " + TerminationLog.toJson(result));
        } catch (Exception e) {
            err.println("cannot print the result: " + e);
        }
        return result.success() ? 0 : failureCode;
    }

    private static JobResult failure(String command, String message) {
        return new JobResult(command, false, null, null, null, null, null, null, message);
    }
}
