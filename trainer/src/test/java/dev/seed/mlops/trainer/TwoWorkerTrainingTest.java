package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.artifact.JobResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XGBoost's own distributed training as the trainer runs it: two worker processes (worker 0 hosting the tracker), each
 * on half of the caravan train split, reach the AUC of one process on all of it; a worker that never starts fails the
 * group at the deadline instead of hanging.
 */
class TwoWorkerTrainingTest {
    private static final String SPEC = "{\"model\":\"caravan\",\"hyperparameters\":{\"num_round\":\"60\",\"max_depth\":\"3\",\"eta\":\"0.1\",\"nthread\":\"1\"}}";

    @TempDir
    Path work;

    @Test
    void twoWorkersReachTheAucOfOneWithinOneHundredth() throws Exception {
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.caravan()), "--name", "caravan", "--store", store.toString());
        CliRun single = CliRun.run(work, "train", "--spec", SPEC, "--snapshot", prepared.result().uri(), "--store", store.toString(), "--version", "1");
        assertThat(single.exitCode()).isZero();

        String tracker = "127.0.0.1:" + freePort();
        List<Process> workers = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            workers.add(worker(prepared.result().uri(), store, rank, tracker, 120));
        }
        for (Process worker : workers) {
            assertThat(worker.waitFor(5, TimeUnit.MINUTES)).as("the worker ended").isTrue();
            assertThat(worker.exitValue()).as("worker exit code; log in %s", work).isZero();
        }

        JobResult distributed = Json.read(work.resolve("result-0.json"), JobResult.class);
        assertThat(work.resolve("result-1.json")).as("a Job has one result, worker 0's: the others report only failures there").doesNotExist();
        JobResult other = printedResult(work.resolve("worker-1.log"));
        assertThat(distributed.uri()).endsWith("models/caravan/2");
        assertThat(other.uri()).as("only worker 0 publishes").isNull();
        assertThat(other.digest()).as("both workers grew the same trees").isEqualTo(distributed.digest());
        assertThat(distributed.metrics().get("auc")).isCloseTo(single.result().metrics().get("auc"), within(0.01));
    }

    @Test
    void aWorkerThatNeverStartsFailsTheGroupAtTheDeadline() throws Exception {
        assertThat(aloneGivesUp(0, 5)).contains("worker", "5 s");
    }

    @Test
    void aWorkerWhoseTrackerNeverStartsGivesUpAtTheDeadline() throws Exception {
        assertThat(aloneGivesUp(1, 3)).contains("did not start within 3 s");
    }

    /**
     * Runs worker {@code rank} of two alone, with a deadline of {@code seconds}: it must end with exit code 1 (not the exit
     * code of bad input: another attempt may get past it). Returns the message of its result.
     */
    private String aloneGivesUp(int rank, int seconds) throws Exception {
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.caravan()), "--name", "caravan", "--store", store.toString());

        Process alone = worker(prepared.result().uri(), store, rank, "127.0.0.1:" + freePort(), seconds);

        assertThat(alone.waitFor(3, TimeUnit.MINUTES)).as("worker %d gave up instead of waiting forever", rank).isTrue();
        assertThat(alone.exitValue()).isEqualTo(1);
        return Json.read(work.resolve("result-" + rank + ".json"), JobResult.class).message();
    }

    private static JobResult printedResult(Path log) throws IOException {
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("result: ")).reduce((a, b) -> b).orElseThrow();
        return Json.mapper().readValue(line.substring("result: ".length()), JobResult.class);
    }

    private Process worker(String snapshot, Path store, int rank, String tracker, int timeoutSeconds) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.seed.mlops.trainer.cli.TrainerMain",
                "train", "--spec", SPEC, "--snapshot", snapshot, "--store", store.toString(), "--version", "2",
                "--workers", "2", "--rank", String.valueOf(rank), "--tracker", tracker, "--worker-timeout", String.valueOf(timeoutSeconds),
                "--termination-log", work.resolve("result-" + rank + ".json").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("worker-" + rank + ".log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
