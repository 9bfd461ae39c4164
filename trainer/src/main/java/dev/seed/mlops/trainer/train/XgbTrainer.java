package dev.seed.mlops.trainer.train;

import dev.seed.mlops.trainer.Progress;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Boosts round by round, scoring the validation split after each round. With early stopping it keeps the model
 * as it was at the best round: the saved model then holds exactly the trees that are used, so every reader
 * (xgboost4j, DJL, Python) predicts the same without being told a tree limit.
 */
public final class XgbTrainer {
    /** XGBoost's own binary JSON format; its loader recognises it whatever the file is called. */
    public static final String MODEL_FORMAT = "ubj";
    private static final String VALIDATION = "validation";
    private static final int LOG_EVERY_ROUNDS = 10;

    /** Looks at the booster after a round; true ends the training there (a search trial found hopeless). */
    @FunctionalInterface
    public interface RoundCheck {
        RoundCheck NONE = (rounds, booster, validation) -> false;

        boolean stopAfter(int rounds, Booster booster, DMatrix validation) throws XGBoostError;
    }

    private final Progress progress;

    public XgbTrainer(Progress progress) {
        this.progress = progress;
    }

    /** @param validation the early-stopping split, or null to boost all rounds */
    public TrainedModel train(DMatrix train, DMatrix validation, Hyperparameters hyperparameters) throws XGBoostError {
        return train(train, validation, hyperparameters, RoundCheck.NONE);
    }

    /** @param check asked after every round whether to stop there */
    public TrainedModel train(DMatrix train, DMatrix validation, Hyperparameters hyperparameters, RoundCheck check) throws XGBoostError {
        boolean stopEarly = validation != null && hyperparameters.earlyStoppingRounds() > 0;
        Map<String, DMatrix> watches = validation == null ? Map.of() : Map.of(VALIDATION, validation);
        Booster booster = XGBoost.train(train, hyperparameters.xgboost(), 0, watches, null, null);
        try {
            EarlyStopping stopping = null;
            EvalLine last = null;
            byte[] best = null;
            int round = 0;
            while (round < hyperparameters.rounds()) {
                booster.update(train, round);
                if (validation != null) {
                    last = EvalLine.parseLast(booster.evalSet(new DMatrix[] {validation}, new String[] {VALIDATION}, round), VALIDATION);
                    stopping = stopping == null ? new EarlyStopping(last.higherIsBetter(), hyperparameters.earlyStoppingRounds()) : stopping;
                    if (stopping.record(round, last.value()) && stopEarly) {
                        best = booster.toByteArray(MODEL_FORMAT);
                    }
                }
                round++;
                logRound(round, hyperparameters.rounds(), last, stopping);
                if (check.stopAfter(round, booster, validation)) {
                    break;
                }
                if (stopEarly && stopping.shouldStop(round - 1)) {
                    progress.step("early stop after round %d: best %s %.6f at round %d",
                            round, last.metric(), stopping.bestScore(), stopping.bestRound() + 1);
                    break;
                }
            }
            if (stopEarly) {
                return new TrainedModel(best, stopping.bestRound() + 1, last.metric(), stopping.bestScore());
            }
            return new TrainedModel(booster.toByteArray(MODEL_FORMAT), round,
                    last == null ? null : last.metric(), last == null ? Double.NaN : last.value());
        } finally {
            booster.dispose();
        }
    }

    private void logRound(int round, int rounds, EvalLine last, EarlyStopping stopping) {
        if (round % LOG_EVERY_ROUNDS != 0 && round != rounds) {
            return;
        }
        if (last == null) {
            progress.step("round %d/%d", round, rounds);
        } else {
            progress.step("round %d/%d: validation %s %.6f (best %.6f at round %d)", round, rounds, last.metric(),
                    last.value(), stopping.bestScore(), stopping.bestRound() + 1);
        }
    }
}
