package dev.seed.mlops.trainer.cli;

import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import dev.seed.mlops.trainer.train.TrainResult;
import dev.seed.mlops.trainer.train.Trainer;
import dev.seed.mlops.trainer.train.WorkerGroup;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

// Not mixinStandardHelpOptions: its --version (print the program's version) would clash with train's own --version N,
// and picocli then reported the missing required options even for --help.
@Command(name = "train",
        header = "Train and evaluate an XGBoost model on a snapshot and write its artifact.",
        description = "Trains on the snapshot's train split with early stopping on its validation split, computes the "
                + "test-split metrics, optionally scores the serving champion on the same test split, and writes "
                + "<store>/models/<model>/<version>/ with model.xgb, manifest.json and profile.json, all at once.")
final class TrainCommand implements Callable<Integer> {
    static final String NAME = "train";

    @Mixin
    CommonOptions common;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--spec", required = true, paramLabel = "FILE|JSON",
            description = "The TrainingJob's spec (model, algorithm xgboost, hyperparameters): JSON inline, or a JSON or YAML "
                    + "file holding the spec or the whole TrainingJob.")
    String spec;

    @Option(names = "--snapshot", required = true, paramLabel = "URI|DIR",
            description = "The prepared snapshot: pvc://<claim>/datasets/<name>/sha256-<hex> or a local directory.")
    String snapshot;

    @Option(names = "--store", required = true, paramLabel = "URI|DIR",
            description = "The artifact store the model is written to: pvc://<claim>[/<prefix>] or a local directory.")
    String store;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The model version to write (1, 2, ...).")
    int version;

    @Option(names = "--champion", paramLabel = "URI|DIR",
            description = "The artifact now serving; it is scored on the same test split and reported as champion.<metric>.")
    String champion;

    @Option(names = "--trial",
            description = "Run as a trial of a hyperparameter search: score the model on the validation split (validation.<metric>, "
                    + "and cv.<metric>.* with crossValidation), never on the test split, and publish nothing.")
    boolean trial;

    @Option(names = "--stop-worse-than", paramLabel = "VALUE",
            description = "With --trial and spec.search.earlyStopping: stop the trial after earlyStopping.afterRounds rounds when its "
                    + "validation objective is worse than VALUE (the median of the trials that succeeded before it).")
    Double stopWorseThan;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Train with XGBoost's collective across N processes (default: ${DEFAULT-VALUE}); each reads and trains on "
                    + "its shard of the train and validation rows (row i of a split is worker i mod N's), worker 0 runs the tracker, "
                    + "then reads the test split, evaluates and publishes.")
    int workers;

    @Option(names = "--rank", paramLabel = "R",
            description = "This worker's number, 0..N-1 (default: the Indexed Job's JOB_COMPLETION_INDEX, else 0).")
    Integer rank;

    @Option(names = "--tracker", paramLabel = "HOST:PORT",
            description = "Where the workers reach worker 0's tracker (with --workers above 1); worker 0 also answers on the next "
                    + "port once its tracker started, which the others wait for.")
    String tracker;

    @Option(names = "--tracker-bind", paramLabel = "ADDRESS",
            description = "Worker 0 only: the address its tracker listens on and it joins from (default: the --tracker host). "
                    + "In a pod, its own IP: the address the tracker gives the others for it; they reach the tracker through a Service.")
    String trackerBind;

    @Option(names = "--worker-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long the tracker waits for every worker to connect, and a worker for the tracker to listen, before the "
                    + "run fails (default: ${DEFAULT-VALUE}); the operator passes the TrainingJob's spec.workerStartTimeout.")
    int workerTimeout;

    @Override
    public Integer call() {
        return JobRun.execute(NAME, common, System.out, System.err, () -> {
            TrainingJobSpec trainingSpec = Json.readSpec(spec, TrainingJobSpec.class);
            if (trainingSpec.getModel() == null) {
                throw new TrainerException("the TrainingJob spec needs a model name");
            }
            if (trainingSpec.getAlgorithm() != null && !"xgboost".equals(trainingSpec.getAlgorithm().name())) {
                throw new TrainerException("this trainer trains algorithm xgboost, the spec asks for "
                        + trainingSpec.getAlgorithm());
            }
            Progress progress = new Progress(System.out, NAME);
            Trainer trainer = new Trainer(progress, TrainerMain.createdBy());
            Snapshot opened = Snapshot.open(StoredDirectories.readable(StoreLocation.parse(snapshot, common.pvcRoot)));
            if (trial) {
                TrainResult result = trainer.trial(trainingSpec, opened, stopWorseThan);
                return new JobResult(NAME, true, result.modelSha256(), null, null, null, null, result.metrics(),
                        String.format(result.modelSha256() == null ? "trial stopped after %d rounds in %.1f s: worse than the median %s"
                                : "trial trained %d rounds in %.1f s", result.rounds(), progress.elapsedSeconds(), stopWorseThan));
            }
            TrainResult result = trainer.train(trainingSpec,
                    opened, StoreLocation.parse(store, common.pvcRoot), version,
                    champion == null ? null : StoreLocation.parse(champion, common.pvcRoot), workerGroup());
            if (result.uri() == null) {
                return new JobResult(NAME, true, result.modelSha256(), null, null, null, null, null,
                        String.format("worker %d of %d trained %d rounds in %.1f s", rank(), workers, result.rounds(), progress.elapsedSeconds()));
            }
            return new JobResult(NAME, true, result.modelSha256(), result.uri(), null, null, null, result.metrics(),
                    String.format("trained %d rounds in %.1f s", result.rounds(), progress.elapsedSeconds()));
        }, workers <= 1 || rank() == 0);
    }

    private WorkerGroup workerGroup() {
        if (workers <= 1) {
            return null;
        }
        int colon = tracker == null ? -1 : tracker.lastIndexOf(':');
        if (colon <= 0) {
            throw new TrainerException("--workers " + workers + " needs --tracker HOST:PORT, where worker 0's tracker listens");
        }
        String host = tracker.substring(0, colon);
        return new WorkerGroup(workers, rank(), host, trackerBind == null ? host : trackerBind, Integer.parseInt(tracker.substring(colon + 1)),
                workerTimeout);
    }

    private int rank() {
        if (rank != null) {
            return rank;
        }
        String index = System.getenv("JOB_COMPLETION_INDEX");
        return index == null ? 0 : Integer.parseInt(index);
    }
}
