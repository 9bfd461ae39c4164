package dev.seed.mlops.trainer.train;

import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.Progress;
import dev.seed.mlops.trainer.evaluate.Predictions;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The median stopping rule's side in a trial: after {@code round} rounds, score the search's objective metric on the
 * validation split (recorded for later trials' median), and stop when it is worse than {@code stopWorseThan}, the
 * median the operator computed from the trials that succeeded before this one started (null: none yet, never stop).
 */
final class TrialCheckpoint implements XgbTrainer.RoundCheck {
    private final int round;
    private final String metric;
    private final SearchDirection direction;
    private final Double stopWorseThan;
    private final TaskType task;
    private final double[] labels;
    private final Progress progress;
    private Double value;
    private boolean stopped;

    TrialCheckpoint(int round, String metric, SearchDirection direction, Double stopWorseThan, TaskType task, double[] labels, Progress progress) {
        this.round = round;
        this.metric = metric;
        this.direction = direction;
        this.stopWorseThan = stopWorseThan;
        this.task = task;
        this.labels = labels;
        this.progress = progress;
    }

    @Override
    public boolean stopAfter(int rounds, Booster booster, DMatrix validation) throws XGBoostError {
        if (rounds != round) {
            return false;
        }
        value = new Predictions(task, booster.predict(validation)).metrics(labels).get(metric);
        stopped = stopWorseThan != null && worse(value, stopWorseThan);
        progress.step("checkpoint after %d rounds: validation %s %.6f%s", rounds, metric, value,
                stopWorseThan == null ? "" : (stopped ? ", worse than" : ", not worse than") + " the median " + stopWorseThan
                        + " of the succeeded trials" + (stopped ? ": stopping this trial" : ""));
        return stopped;
    }

    private boolean worse(double candidate, double median) {
        return direction == SearchDirection.minimize ? candidate > median : candidate < median;
    }

    int round() {
        return round;
    }

    /** The metric at the checkpoint, or null when training ended before it. */
    Double value() {
        return value;
    }

    boolean stopped() {
        return stopped;
    }
}
