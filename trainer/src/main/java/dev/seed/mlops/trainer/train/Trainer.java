package dev.seed.mlops.trainer.train;

import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.api.v1alpha1.TrainingJobSpec;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.evaluate.MetricNames;
import dev.seed.mlops.trainer.evaluate.Predictions;
import dev.seed.mlops.trainer.prepare.Profiler;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.store.Sha256;
import dev.seed.mlops.trainer.store.StoreLayout;
import dev.seed.mlops.trainer.store.StoreLocation;
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
     * @param group the worker group of a distributed run, or null for one process: each worker trains on its shard of
     *              the train and validation splits; worker 0 then evaluates on the whole test split and publishes
     */
    public TrainResult train(TrainingJobSpec spec, Snapshot snapshot, StoreLocation store, int version,
                             StoreLocation champion, WorkerGroup group) throws Exception {
        StoreLocation target = store.resolve(StoreLayout.modelArtifact(spec.getModel(), version));
        Splits splits = read(snapshot);
        Table train = group == null ? splits.train() : splits.train().select(group.shard(splits.train().rows()));
        Table validation = group == null ? splits.validation() : splits.validation().select(group.shard(splits.validation().rows()));
        Table test = splits.test();
        TaskType task = splits.task();
        int numClasses = splits.numClasses();
        Hyperparameters hyperparameters = hyperparameters(spec, splits);
        FeatureEncoder features = FeatureEncoder.of(snapshot);
        TrainedModel trained;
        if (group == null) {
            trained = fitAndReport(features, train, validation, hyperparameters);
        } else {
            if (spec.getCrossValidation() != null) {
                throw new TrainerException("crossValidation runs in one process; it cannot be combined with " + group.workers() + " workers");
            }
            progress.step("worker %d of %d: training on %d of the train rows and %d of the validation rows", group.rank(), group.workers(),
                    train.rows(), validation.rows());
            try (WorkerGroup.Membership joined = group.join()) {
                trained = fitAndReport(features, train, validation, hyperparameters);
            }
            if (group.rank() != 0) {
                return new TrainResult(null, Sha256.hex(trained.model()), Map.of(), trained.rounds());
            }
        }

        ModelManifest manifest = manifest(spec, snapshot, task, numClasses, features, trained.model(), Map.of());
        Map<String, Double> metrics;
        FeatureProfile predictionProfile;
        try (ArtifactModel model = ArtifactModel.of(manifest, trained.model())) {
            Predictions predictions = model.predict(test);
            metrics = predictions.metrics(test.label().values());
            predictionProfile = predictionProfile(task, predictions);
        }
        progress.step("test metrics: %s", metrics);
        manifest = manifest(spec, snapshot, task, numClasses, features, trained.model(), metrics);

        Map<String, Double> reported = new LinkedHashMap<>(metrics);
        if (spec.getCrossValidation() != null) {
            reported.putAll(crossValidate(spec.getCrossValidation().getFolds(), snapshot, manifest, train, validation, hyperparameters));
        }
        if (champion != null) {
            reported.putAll(championMetrics(champion, task, test));
        }
        List<FeatureProfile> profiled = new ArrayList<>(snapshot.profile().features());
        profiled.add(predictionProfile);
        DataProfile profile = new DataProfile(DataProfile.CURRENT_FORMAT_VERSION, snapshot.profile().datasetDigest(),
                snapshot.profile().rows(), profiled);
        ArtifactWriter.publish(target, manifest, trained.model(), profile);
        progress.step("wrote artifact %s (model sha256 %s)", target.uri(), manifest.modelSha256());
        return new TrainResult(target.uri(), manifest.modelSha256(), reported, trained.rounds());
    }

    /**
     * A search trial: trains as {@link #train} does and scores the model on the validation split (and by
     * cross-validation when asked), never on the test split, which stays for the gates of the run's model. Reports
     * validation.&lt;metric&gt; (and cv.&lt;metric&gt;.*) and the model's sha256; publishes nothing.
     */
    public TrainResult trial(TrainingJobSpec spec, Snapshot snapshot, Double stopWorseThan) throws Exception {
        Splits splits = read(snapshot);
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
     * The snapshot's splits. The test split's labels count towards the classes, so that a trial's model has the
     * number of classes the run's model will have; its rows are never scored by a trial.
     */
    private Splits read(Snapshot snapshot) throws IOException {
        TaskType task = snapshot.spec().getSchema().getLabel().getType();
        Table train = snapshot.split(ArtifactFiles.TRAIN_SPLIT);
        Table validation = snapshot.split(ArtifactFiles.VALIDATION_SPLIT);
        Table test = snapshot.split(ArtifactFiles.TEST_SPLIT);
        progress.step("read snapshot %s: %d train, %d validation, %d test rows", snapshot.location().uri(),
                train.rows(), validation.rows(), test.rows());
        return new Splits(task, train, validation, test, numClasses(task, train, validation, test));
    }

    private record Splits(TaskType task, Table train, Table validation, Table test, int numClasses) {
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
        try (ArtifactModel model = ArtifactModel.load(champion.path())) {
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

    private static int numClasses(TaskType task, Table... tables) {
        return switch (task) {
            case binary -> 2;
            case regression -> 1;
            case multiclass -> {
                double max = 0;
                for (Table table : tables) {
                    for (double label : table.label().values()) {
                        max = Math.max(max, label);
                    }
                }
                yield (int) max + 1;
            }
        };
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
