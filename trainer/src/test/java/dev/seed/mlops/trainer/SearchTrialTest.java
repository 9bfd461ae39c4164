package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.artifact.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search trial (train --trial) is judged on the validation split only, publishes nothing, and trains exactly the model
 * that the run trains with the same hyperparameters: the best trial's model is the one the ModelVersion registers.
 */
class SearchTrialTest {
    private static final String SPEC = "{\"model\":\"caravan\",\"hyperparameters\":{\"num_round\":\"40\",\"max_depth\":\"3\",\"eta\":\"0.2\"}}";

    @TempDir
    Path work;

    @Test
    void aTrialReportsValidationMetricsOnlyAndTrainsTheModelTheRunTrains() throws IOException {
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.caravan()), "--name", "caravan", "--store", store.toString());
        assertThat(prepared.exitCode()).isZero();

        CliRun trial = CliRun.run(work, "train", "--spec", SPEC, "--snapshot", prepared.result().uri(), "--store", store.toString(),
                "--version", "1", "--trial");
        assertThat(trial.exitCode()).as("%s", trial.result()).isZero();
        JobResult result = trial.result();
        assertThat(result.metrics()).containsKeys("validation.auc", "validation.logLoss").doesNotContainKeys("auc", "logLoss");
        assertThat(result.metrics().get("validation.auc")).isBetween(0.6, 1.0);
        assertThat(result.uri()).isNull();
        assertThat(modelsIn(store)).as("a trial publishes nothing").isEmpty();

        CliRun run = CliRun.run(work, "train", "--spec", SPEC, "--snapshot", prepared.result().uri(), "--store", store.toString(), "--version", "1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.result().digest()).isEqualTo(result.digest());
    }

    @Test
    void aTrialWorseThanTheMedianAtTheCheckpointStopsThereWithoutAnObjective() throws IOException {
        CliRun trial = trialWithCheckpoint("0.999");

        assertThat(trial.exitCode()).as("%s", trial.result()).isZero();
        assertThat(trial.result().metrics()).containsEntry("stoppedAtRound", 5.0).doesNotContainKey("validation.auc");
        assertThat(trial.result().metrics().get("checkpoint.auc")).isLessThan(0.999);
        assertThat(trial.result().message()).contains("stopped after 5 rounds");
    }

    @Test
    void aTrialNotWorseThanTheMedianRecordsItsCheckpointAndTrainsOn() throws IOException {
        CliRun trial = trialWithCheckpoint("0.5");

        assertThat(trial.exitCode()).as("%s", trial.result()).isZero();
        assertThat(trial.result().metrics()).containsKey("validation.auc").doesNotContainKey("stoppedAtRound");
        assertThat(trial.result().metrics().get("checkpoint.auc")).isGreaterThanOrEqualTo(0.5);
    }

    private CliRun trialWithCheckpoint(String stopWorseThan) throws IOException {
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(TestDatasets.caravan()), "--name", "caravan", "--store", store.toString());
        String spec = SPEC.substring(0, SPEC.length() - 1) + ",\"search\":{\"maxTrials\":4,\"space\":{\"subsample\":{\"min\":0.5,\"max\":1}},"
                + "\"objective\":{\"metric\":\"auc\",\"direction\":\"maximize\"},\"earlyStopping\":{\"afterRounds\":5}}}";
        return CliRun.run(work, "train", "--spec", spec, "--snapshot", prepared.result().uri(), "--store", store.toString(),
                "--version", "1", "--trial", "--stop-worse-than", stopWorseThan);
    }

    @Test
    void aTrialWithoutAValidationSplitOrCrossValidationIsRefused() {
        var spec = TestDatasets.caravan();
        spec.getSplit().setValidationFraction(0.0);
        Path store = work.resolve("store");
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", "caravan", "--store", store.toString());
        CliRun trial = CliRun.run(work, "train", "--spec", SPEC, "--snapshot", prepared.result().uri(), "--store", store.toString(),
                "--version", "1", "--trial");
        assertThat(trial.exitCode()).as("refused input, which Jobs do not retry").isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(trial.result().message()).contains("judged on the validation split", "validationFraction 0", "crossValidation");
    }

    private static List<Path> modelsIn(Path store) throws IOException {
        Path models = store.resolve("models");
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(models)) {
            return entries.toList();
        }
    }
}
