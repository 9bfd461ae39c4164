package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.evaluate.ClassificationMetrics;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.store.StoreLocation;
import dev.seed.mlops.trainer.train.CrossValidator;
import dev.seed.mlops.trainer.train.FeatureEncoder;
import dev.seed.mlops.trainer.train.Hyperparameters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train command's k-fold cross-validation on the caravan data equals the mean and spread of per-fold AUCs computed
 * here independently: xgboost4j trained directly on each fold's complement, AUC on the fold.
 */
class CrossValidationTest {
    private static final int FOLDS = 3;
    private static final int ROUNDS = 30;
    private static final Map<String, String> PARAMETERS = Map.of("num_round", String.valueOf(ROUNDS), "early_stopping_rounds", "0",
            "max_depth", "3", "nthread", "1");

    @TempDir
    Path work;

    @Test
    void reportsTheMeanAndSpreadOfPerFoldMetrics() throws Exception {
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.caravan()), "--name", "caravan", "--store", store.toString());
        assertThat(prepared.exitCode()).isZero();
        String spec = "{\"model\":\"caravan\",\"crossValidation\":{\"folds\":" + FOLDS + "},\"hyperparameters\":" + CliRun.json(PARAMETERS) + "}";
        CliRun trained = CliRun.run(work, "train", "--spec", spec, "--snapshot", prepared.result().uri(), "--store", store.toString(), "--version", "1");
        assertThat(trained.exitCode()).as("%s", trained.result()).isZero();
        JobResult result = trained.result();

        double[] aucs = independentFoldAucs(Snapshot.open(StoreLocation.parse(prepared.result().uri(), work)));
        double mean = Arrays.stream(aucs).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(aucs).map(auc -> (auc - mean) * (auc - mean)).average().orElseThrow());
        assertThat(result.metrics().get("cv.auc.mean")).isCloseTo(mean, within(1e-9));
        assertThat(result.metrics().get("cv.auc.std")).isCloseTo(std, within(1e-9)).isPositive();
        assertThat(result.metrics()).containsKeys("auc", "cv.accuracy.mean", "cv.logLoss.std");
    }

    private static double[] independentFoldAucs(Snapshot snapshot) throws Exception {
        Table train = snapshot.split(ArtifactFiles.TRAIN_SPLIT);
        FeatureEncoder encoder = new FeatureEncoder(FeatureEncoder.manifestFeatures(snapshot.profile()));
        Map<String, Object> xgboost = Hyperparameters.of(PARAMETERS, TaskType.binary, 2).xgboost();
        int[][] folds = CrossValidator.folds(train.rows(), FOLDS, snapshot.spec().getSplit().getSeed());
        double[] aucs = new double[FOLDS];
        for (int i = 0; i < FOLDS; i++) {
            Table trainOn = train.select(CrossValidator.complement(train.rows(), folds[i]));
            Table heldOut = train.select(folds[i]);
            DMatrix trainMatrix = labelled(encoder, trainOn);
            DMatrix heldOutMatrix = labelled(encoder, heldOut);
            Booster booster = XGBoost.train(trainMatrix, xgboost, ROUNDS, Map.of(), null, null);
            float[][] predicted = booster.predict(heldOutMatrix);
            double[] scores = Arrays.stream(predicted).mapToDouble(row -> row[0]).toArray();
            aucs[i] = ClassificationMetrics.auc(heldOut.label().values(), scores, 1);
            booster.dispose();
            trainMatrix.dispose();
            heldOutMatrix.dispose();
        }
        return aucs;
    }

    private static DMatrix labelled(FeatureEncoder encoder, Table table) throws Exception {
        DMatrix matrix = new DMatrix(encoder.encode(table), table.rows(), encoder.width(), Float.NaN);
        double[] labels = table.label().values();
        float[] floats = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            floats[i] = (float) labels[i];
        }
        matrix.setLabel(floats);
        return matrix;
    }
}
