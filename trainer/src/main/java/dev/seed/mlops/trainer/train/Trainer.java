package dev.seed.mlops.trainer.train;

import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Shard;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.evaluate.MetricNames;
import dev.seed.mlops.trainer.evaluate.Predictions;
import dev.seed.mlops.trainer.prepare.Profiler;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.store.Sha256;
import dev.seed.mlops.trainer.store.StoreLayout;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.store.StoredDirectories;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The train command: train XGBoost on a snapshot's train split (early stopping on its validation split),
 * evaluate on its test split, optionally score the champion on the same test split, and publish the artifact
 * {@code <store>/models/<model>/<version>/}.
 */
public final class Trainer {
    private final Progress progress;
    private final String createdBy;

    public Trainer(Progress progress, String createdBy) {
        this.progress = progress;
        this.createdBy = createdBy;
    }

    /** @param champion the artifact now serving, to score on the same test split, or null */
    public TrainResult train(TrainingJobSpec spec, Snapshot snapshot, StoreLocation store, int version,
                             StoreLocation champion) throws Exception {
        return train(spec, snapshot, store, version, champion, null);
    }

    /**
     * @param group the worker group of a distributed run, or null for one process: each worker reads and trains on its
     *              shard of the train and validation splits; worker 0 then evaluates on the whole test split and publishes
     */
    public TrainResult train(TrainingJobSpec spec, Snapshot snapshot, StoreLocation store, int version,
                             StoreLocation champion, WorkerGroup group) throws Exception {
        StoreLocation target = store.resolve(StoreLayout.modelArtifact(spec.getModel(), version));
        FeatureEncoder features = FeatureEncoder.of(snapshot);
        Fit fit = group == null ? fitAlone(spec, snapshot, features) : fitInGroup(spec, snapshot, features, group);
        TrainedModel trained = fit.trained();
        if (group != null && group.rank() != 0) {
            return new TrainResult(null, Sha256.hex(trained.model()), Map.of(), trained.rounds());
        }

        // Read after training: the train and validation rows are garbage by now, so the test split does not add to them.
        Table test = snapshot.split(ArtifactFiles.TEST_SPLIT);
        progress.step("read the test split: %d rows", test.rows());
        TaskType task = fit.task();
        ModelManifest manifest = manifest(spec, snapshot, task, fit.numClasses(), features, trained.model(), Map.of());
        Map<String, Double> metrics;
        FeatureProfile predictionProfile;
        try (ArtifactModel model = ArtifactModel.of(manifest, trained.model())) {
            Predictions predictions = model.predict(test);
            metrics = predictions.metrics(test.label().values());
            predictionProfile = predictionProfile(task, predictions);
        }
        progress.step("test metrics: %s", metrics);
        manifest = manifest(spec, snapshot, task, fit.numClasses(), features, trained.model(), metrics);

        Map<String, Double> reported = new LinkedHashMap<>(metrics);
        reported.putAll(fit.crossValidation());
        if (champion != null) {
            reported.putAll(championMetrics(champion, task, test));
        }
        List<FeatureProfile> profiled = new ArrayList<>(snapshot.profile().features());
        profiled.add(predictionProfile);
        DataProfile profile = new DataProfile(DataProfile.CURRENT_FORMAT_VERSION, snapshot.profile().datasetDigest(),
                snapshot.profile().rows(), profiled, snapshot.profile().engineered());
        ArtifactWriter.publish(target, manifest, trained.model(), profile);
        progress.step("wrote artifact %s (model sha256 %s)", target.uri(), manifest.modelSha256());
        return new TrainResult(target.uri(), manifest.modelSha256(), reported, trained.rounds());
    }

    /** A trained model, the classes it was trained for, and the cross-validation summary when one was asked for. */
    private record Fit(TaskType task, int numClasses, TrainedModel trained, Map<String, Double> crossValidation) {
    }

    private Fit fitAlone(TrainingJobSpec spec, Snapshot snapshot, FeatureEncoder features) throws Exception {
        Splits splits = read(snapshot, Shard.ALL);
        Hyperparameters hyperparameters = hyperparameters(spec, splits);
        TrainedModel trained = fitAndReport(features, splits.train(), splits.validation(), hyperparameters);
        Map<String, Double> crossValidation = spec.getCrossValidation() == null ? Map.of()
                : crossValidate(spec.getCrossValidation().getFolds(), snapshot,
                        manifest(spec, snapshot, splits.task(), splits.numClasses(), features, trained.model(), Map.of()),
                        splits.train(), splits.validation(), hyperparameters);
        return new Fit(splits.task(), splits.numClasses(), trained, crossValidation);
    }

    /**
     * Reads this worker's shard of the train and validation splits (before joining: reading takes as long as the data is
     * large, and the group's timeout is for the others to show up), then trains with the group. The workers agree on
     * the classes by all-reducing the largest label each saw, so every worker grows the model a single run would.
     */
    private Fit fitInGroup(TrainingJobSpec spec, Snapshot snapshot, FeatureEncoder features, WorkerGroup group) throws Exception {
        if (spec.getCrossValidation() != null) {
            throw new TrainerException("crossValidation runs in one process; it cannot be combined with " + group.workers() + " workers");
        }
        progress.step("worker %d of %d: reading its shard", group.rank(), group.workers());
        Splits shard = read(snapshot, group.shard());
        try (WorkerGroup.Membership joined = group.join()) {
            Splits agreed = shard.task() == TaskType.multiclass ? shard.withLargestLabel(joined.largest(shard.largestLabel())) : shard;
            TrainedModel trained = fitAndReport(features, agreed.train(), agreed.validation(), hyperparameters(spec, agreed));
            return new Fit(agreed.task(), agreed.numClasses(), trained, Map.of());
        }
    }

    /**
     * A search trial: trains as {@link #train} does and scores the model on the validation split (and by
     * cross-validation when asked), never on the test split, which stays for the gates of the run's model. Reports
     * validation.&lt;metric&gt; (and cv.&lt;metric&gt;.*) and the model's sha256; publishes nothing.
     */
    public TrainResult trial(TrainingJobSpec spec, Snapshot snapshot, Double stopWorseThan) throws Exception {
        Splits splits = read(snapshot, Shard.ALL);
        if (splits.validation().rows() == 0 && spec.getCrossValidation() == null) {
            throw new TrainerException("a search trial is judged on the validation split, and snapshot " + snapshot.location().uri()
                    + " has none (validationFraction 0): prepare the Dataset with a validationFraction, or set crossValidation");
        }
        Hyperparameters hyperparameters = hyperparameters(spec, splits);
        FeatureEncoder features = FeatureEncoder.of(snapshot);
        TrialCheckpoint checkpoint = checkpoint(spec, splits, stopWorseThan);
        TrainedModel trained = fit(features, splits.train(), splits.validation(), hyperparameters,
                checkpoint == null ? XgbTrainer.RoundCheck.NONE : checkpoint);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (checkpoint != null && checkpoint.value() != null) {
            metrics.put(JobResult.CHECKPOINT_PREFIX + spec.getSearch().getObjective().getMetric().name(), checkpoint.value());
        }
        if (checkpoint != null && checkpoint.stopped()) {
            metrics.put(JobResult.STOPPED_AT_ROUND, (double) checkpoint.round());
            return new TrainResult(null, null, metrics, checkpoint.round());
        }
        reportKept(trained);
        ModelManifest manifest = manifest(spec, snapshot, splits.task(), splits.numClasses(), features, trained.model(), Map.of());
        if (splits.validation().rows() > 0) {
            try (ArtifactModel model = ArtifactModel.of(manifest, trained.model())) {
                model.predict(splits.validation()).metrics(splits.validation().label().values())
                        .forEach((name, value) -> metrics.put(JobResult.VALIDATION_PREFIX + name, value));
            }
        }
        if (spec.getCrossValidation() != null) {
            metrics.putAll(crossValidate(spec.getCrossValidation().getFolds(), snapshot, manifest, splits.train(), splits.validation(), hyperparameters));
        }
        progress.step("trial metrics: %s", metrics);
        return new TrainResult(null, manifest.modelSha256(), metrics, trained.rounds());
    }

    /** The median stopping rule's checkpoint, when the search asks for one and there is a validation split to score. */
    private TrialCheckpoint checkpoint(TrainingJobSpec spec, Splits splits, Double stopWorseThan) {
        Search search = spec.getSearch();
        if (search == null || search.getEarlyStopping() == null || splits.validation().rows() == 0) {
            if (stopWorseThan != null) {
                throw new TrainerException("--stop-worse-than needs spec.search.earlyStopping and a validation split");
            }
            return null;
        }
        return new TrialCheckpoint(search.getEarlyStopping().getAfterRounds(), search.getObjective().getMetric().name(),
                search.getObjective().getDirection(), stopWorseThan, splits.task(), splits.validation().label().values(), progress);
    }

    /**
     * The rows of the train and validation splits the shard holds. For a multiclass label, the largest label counts the
     * test split's labels too (read alone, 8 bytes a row), so that a trial's model has the number of classes the run's
     * model will have; the test split's rows are never scored by a trial.
     */
    private Splits read(Snapshot snapshot, Shard shard) throws IOException {
        TaskType task = snapshot.spec().getSchema().getLabel().getType();
        Table train = snapshot.split(ArtifactFiles.TRAIN_SPLIT, shard);
        Table validation = snapshot.split(ArtifactFiles.VALIDATION_SPLIT, shard);
        progress.step("read snapshot %s (%s): %d train, %d validation rows", snapshot.location().uri(), shard, train.rows(), validation.rows());
        double largestLabel = task != TaskType.multiclass ? Double.NaN
                : Math.max(largest(train.label().values()), Math.max(largest(validation.label().values()),
                        largest(snapshot.labels(ArtifactFiles.TEST_SPLIT).values())));
        return new Splits(task, train, validation, largestLabel);
    }

    /** @param largestLabel the largest label of the whole snapshot, or of the rows read; NaN unless multiclass */
    private record Splits(TaskType task, Table train, Table validation, double largestLabel) {
        Splits withLargestLabel(double largest) {
            return new Splits(task, train, validation, largest);
        }

        int numClasses() {
            return switch (task) {
                case binary -> 2;
                case regression -> 1;
                case multiclass -> (int) largestLabel + 1;
            };
        }
    }

    private static double largest(double[] labels) {
        double largest = 0;
        for (double label : labels) {
            largest = Math.max(largest, label);
        }
        return largest;
    }

    private Hyperparameters hyperparameters(TrainingJobSpec spec, Splits splits) {
        Hyperparameters hyperparameters = Hyperparameters.of(spec.getHyperparameters(), splits.task(), splits.numClasses());
        progress.step("training %s xgboost: up to %d rounds, early stopping after %d, parameters %s", splits.task(),
                hyperparameters.rounds(), hyperparameters.earlyStoppingRounds(), hyperparameters.xgboost());
        return hyperparameters;
    }

    private TrainedModel fitAndReport(FeatureEncoder encoder, Table train, Table validation, Hyperparameters hyperparameters)
            throws XGBoostError {
        TrainedModel trained = fit(encoder, train, validation, hyperparameters);
        reportKept(trained);
        return trained;
    }

    private void reportKept(TrainedModel trained) {
        progress.step(trained.stopMetric() == null ? "kept %d rounds" : "kept %d rounds: validation %s %.6f",
                trained.rounds(), trained.stopMetric(), trained.stopScore());
    }

    /** Folds cut by the Dataset's split seed, so the same snapshot always gives the same folds. */
    private Map<String, Double> crossValidate(int folds, Snapshot snapshot, ModelManifest manifest, Table train, Table validation,
                                              Hyperparameters hyperparameters) throws Exception {
        Long splitSeed = snapshot.spec().getSplit() == null ? null : snapshot.spec().getSplit().getSeed();
        FeatureEncoder encoder = FeatureEncoder.of(manifest);
        int[] fold = {0};
        Map<String, Double> summary = CrossValidator.run(train, folds, splitSeed == null ? 0 : splitSeed, (trainOn, heldOut) -> {
            progress.step("cross-validation fold %d/%d: training on %d rows, scoring %d", ++fold[0], folds, trainOn.rows(), heldOut.rows());
            TrainedModel trained = fit(encoder, trainOn, validation, hyperparameters);
            try (ArtifactModel model = ArtifactModel.of(manifest, trained.model())) {
                return model.predict(heldOut).metrics(heldOut.label().values());
            }
        });
        progress.step("cross-validation over %d folds: %s", folds, summary);
        return summary;
    }

    private TrainedModel fit(FeatureEncoder encoder, Table train, Table validation, Hyperparameters hyperparameters)
            throws XGBoostError {
        return fit(encoder, train, validation, hyperparameters, XgbTrainer.RoundCheck.NONE);
    }

    private TrainedModel fit(FeatureEncoder encoder, Table train, Table validation, Hyperparameters hyperparameters,
                             XgbTrainer.RoundCheck check) throws XGBoostError {
        DMatrix trainMatrix = matrix(encoder, train);
        DMatrix validationMatrix = validation.rows() == 0 ? null : matrix(encoder, validation);
        try {
            return new XgbTrainer(progress).train(trainMatrix, validationMatrix, hyperparameters, check);
        } catch (XGBoostError e) {
            // XGBoost checks parameters only when it starts boosting; its message names the bad one.
            throw new TrainerException("XGBoost refused to train: " + e.getMessage() + " (check spec.hyperparameters)", e);
        } finally {
            trainMatrix.dispose();
            if (validationMatrix != null) {
                validationMatrix.dispose();
            }
        }
    }

    private static DMatrix matrix(FeatureEncoder encoder, Table table) throws XGBoostError {
        DMatrix matrix = new DMatrix(encoder.encode(table), table.rows(), encoder.width(), Float.NaN);
        double[] labels = table.label().values();
        float[] floats = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            floats[i] = (float) labels[i];
        }
        matrix.setLabel(floats);
        return matrix;
    }

    private Map<String, Double> championMetrics(StoreLocation champion, TaskType task, Table test)
            throws IOException, XGBoostError {
        try (ArtifactModel model = ArtifactModel.load(StoredDirectories.readable(champion).path())) {
            if (model.task() != task) {
                throw new TrainerException("champion " + champion.uri() + " is a " + model.task()
                        + " model, the candidate " + task + ": they cannot be compared");
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            model.predict(test).metrics(test.label().values())
                    .forEach((name, value) -> metrics.put(MetricNames.CHAMPION_PREFIX + name, value));
            progress.step("champion %s on the same test split: %s", champion.uri(), metrics);
            return metrics;
        }
    }

    /** Drift baseline of the output: P(class 1) or the value as numbers, the predicted class as a category. */
    private static FeatureProfile predictionProfile(TaskType task, Predictions predictions) {
        double[] primary = predictions.primary();
        if (task != TaskType.multiclass) {
            return Profiler.numeric(ArtifactFiles.PREDICTION, primary);
        }
        CategoricalColumn classes = new CategoricalColumn(ArtifactFiles.PREDICTION);
        for (double predicted : primary) {
            classes.add(Long.toString((long) predicted));
        }
        return Profiler.profile(classes);
    }

    private ModelManifest manifest(TrainingJobSpec spec, Snapshot snapshot, TaskType task, int numClasses,
                                   FeatureEncoder features, byte[] model, Map<String, Double> metrics) {
        return new ModelManifest(features.transforms() == null ? ModelManifest.FORMAT_WITHOUT_TRANSFORMS
                : ModelManifest.CURRENT_FORMAT_VERSION, "xgboost", ArtifactFiles.XGBOOST_MODEL,
                Sha256.hex(model), task.name(), numClasses, snapshot.spec().getSchema().getLabel().getName(),
                features.features(), metrics, snapshot.profile().datasetDigest(), null,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), createdBy, features.transforms());
    }
}
