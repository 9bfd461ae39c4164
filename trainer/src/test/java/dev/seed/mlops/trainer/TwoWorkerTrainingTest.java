package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.prepare.Split;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

        JobResult distributed = trainInGroup(SPEC, prepared.result().uri(), store);
        assertThat(work.resolve("result-1.json")).as("a Job has one result, worker 0's: the others report only failures there").doesNotExist();
        JobResult other = printedResult(work.resolve("worker-1.log"));
        assertThat(distributed.uri()).endsWith("models/caravan/2");
        assertThat(other.uri()).as("only worker 0 publishes").isNull();
        assertThat(other.digest()).as("both workers grew the same trees").isEqualTo(distributed.digest());
        assertThat(distributed.metrics().get("auc")).isCloseTo(single.result().metrics().get("auc"), within(0.01));
    }

    /**
     * The workers agree on the classes: the one row of class 2 is in one worker's shard only, and both must still train
     * three classes (a worker training two would grow other trees, or break the all-reduce).
     */
    @Test
    void aClassOnlyOneWorkerReadsIsTrainedByBoth() throws Exception {
        Path csv = work.resolve("kinds.csv");
        DatasetSpec dataset = TestDatasets.spec(csv.toString(), "kind", TaskType.multiclass);
        dataset.getSchema().setFeatures(List.of(TestDatasets.feature("size", FeatureType.numeric)));
        int rows = 1000;
        int rareRow = Split.of(rows, dataset.getSplit()).train()[0];
        StringBuilder text = new StringBuilder("kind,size\n");
        Random random = new Random(3);
        for (int i = 0; i < rows; i++) {
            int kind = i == rareRow ? 2 : random.nextInt(2);
            text.append(kind).append(',').append(kind * 2 + random.nextGaussian()).append('\n');
        }
        Files.writeString(csv, text);
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(dataset), "--name", "kinds", "--store", store.toString());
        assertThat(prepared.exitCode()).isZero();
        Snapshot snapshot = Snapshot.open(StoreLocation.parse(prepared.result().uri(), work));
        assertThat(Arrays.stream(snapshot.labels(ArtifactFiles.TRAIN_SPLIT).values()).filter(label -> label == 2)).as("the rare row is in the train split").hasSize(1);

        String spec = "{\"model\":\"kinds\",\"hyperparameters\":{\"num_round\":\"10\",\"nthread\":\"1\"}}";
        JobResult distributed = trainInGroup(spec, prepared.result().uri(), store);
        assertThat(printedResult(work.resolve("worker-1.log")).digest()).isEqualTo(distributed.digest());
        ModelManifest manifest = Json.read(Path.of(distributed.uri()).resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        assertThat(manifest.numClasses()).isEqualTo(3);
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

        Process alone = worker(SPEC, prepared.result().uri(), store, rank, "127.0.0.1:" + freePort(), seconds);

        assertThat(alone.waitFor(3, TimeUnit.MINUTES)).as("worker %d gave up instead of waiting forever", rank).isTrue();
        assertThat(alone.exitValue()).isEqualTo(1);
        return Json.read(work.resolve("result-" + rank + ".json"), JobResult.class).message();
    }

    /** Runs two workers to success and returns worker 0's result, the Job's. */
    private JobResult trainInGroup(String spec, String snapshot, Path store) throws Exception {
        String tracker = "127.0.0.1:" + freePort();
        List<Process> workers = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            workers.add(worker(spec, snapshot, store, rank, tracker, 120));
        }
        for (Process worker : workers) {
            assertThat(worker.waitFor(5, TimeUnit.MINUTES)).as("the worker ended").isTrue();
            assertThat(worker.exitValue()).as("worker exit code; log in %s", work).isZero();
        }
        return Json.read(work.resolve("result-0.json"), JobResult.class);
    }

    private static JobResult printedResult(Path log) throws IOException {
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("result: ")).reduce((a, b) -> b).orElseThrow();
        return Json.mapper().readValue(line.substring("result: ".length()), JobResult.class);
    }

    private Process worker(String spec, String snapshot, Path store, int rank, String tracker, int timeoutSeconds) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.seed.mlops.trainer.cli.TrainerMain",
                "train", "--spec", spec, "--snapshot", snapshot, "--store", store.toString(), "--version", "2",
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
