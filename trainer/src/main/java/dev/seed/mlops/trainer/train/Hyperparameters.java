package dev.seed.mlops.trainer.train;

import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.TrainerException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A TrainingJob's hyperparameters (strings) turned into XGBoost's parameters. Two are the trainer's own:
 * {@code num_round} (boosting rounds, default 100) and {@code early_stopping_rounds} (stop when the validation
 * metric has not improved for this many rounds, default 10; 0 turns it off). Every other key must be one XGBoost
 * documents ({@link XgboostParameterNames}) and goes to XGBoost as it is, over these defaults: tree_method hist, seed 0, nthread the CPUs the container may use, and the
 * objective of the task. The objective must be
 * one whose output the trainer and the servers read as the task's prediction.
 *
 * @param xgboost              parameters for XGBoost
 * @param rounds               the most boosting rounds
 * @param earlyStoppingRounds  rounds without improvement before stopping, 0 for none
 */
public record Hyperparameters(Map<String, Object> xgboost, int rounds, int earlyStoppingRounds) {
    public static final String NUM_ROUND = "num_round";
    public static final String EARLY_STOPPING_ROUNDS = "early_stopping_rounds";
    private static final int MAX_ROUNDS = 100_000;

    private static final Map<TaskType, Set<String>> OBJECTIVES = Map.of(
            TaskType.binary, Set.of("binary:logistic"),
            TaskType.multiclass, Set.of("multi:softprob"),
            TaskType.regression, Set.of("reg:squarederror", "reg:absoluteerror", "reg:pseudohubererror",
                    "reg:squaredlogerror", "reg:gamma", "reg:tweedie", "count:poisson"));

    public static Hyperparameters of(Map<String, String> given, TaskType task, int numClasses) {
        Map<String, String> remaining = new TreeMap<>(given == null ? Map.of() : given);
        refuseUnknownNames(remaining.keySet());
        int rounds = positiveInt(remaining.remove(NUM_ROUND), NUM_ROUND, 100, 1);
        int earlyStopping = positiveInt(remaining.remove(EARLY_STOPPING_ROUNDS), EARLY_STOPPING_ROUNDS, 10, 0);

        Map<String, Object> xgboost = new TreeMap<>();
        xgboost.put("tree_method", "hist");
        xgboost.put("seed", "0");
        // XGBoost alone would start a thread per core of the node; the JVM counts the container's CPU limit.
        xgboost.put("nthread", Integer.toString(Runtime.getRuntime().availableProcessors()));
        xgboost.put("objective", defaultObjective(task));
        xgboost.putAll(remaining);
        String objective = String.valueOf(xgboost.get("objective"));
        if (!OBJECTIVES.get(task).contains(objective)) {
            throw new TrainerException("hyperparameter objective '" + objective + "' does not fit a " + task
                    + " task; use one of " + new TreeSet<>(OBJECTIVES.get(task)));
        }
        if (task == TaskType.multiclass) {
            xgboost.put("num_class", Integer.toString(numClasses));
        }
        return new Hyperparameters(Collections.unmodifiableMap(xgboost), rounds, earlyStopping);
    }

    private static void refuseUnknownNames(Set<String> names) {
        SortedSet<String> known = new TreeSet<>(XgboostParameterNames.KNOWN);
        known.add(NUM_ROUND);
        known.add(EARLY_STOPPING_ROUNDS);
        for (String name : names) {
            if (!known.contains(name)) {
                throw new TrainerException("unknown hyperparameter '" + name + "'"
                        + XgboostParameterNames.nearest(name, known).map(near -> ", did you mean " + near + "?").orElse("")
                        + " A misspelt name would train another model than the one asked for. Known names: " + known);
            }
        }
    }

    private static String defaultObjective(TaskType task) {
        return switch (task) {
            case binary -> "binary:logistic";
            case multiclass -> "multi:softprob";
            case regression -> "reg:squarederror";
        };
    }

    private static int positiveInt(String text, String name, int fallback, int minimum) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= minimum && value <= MAX_ROUNDS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new TrainerException("hyperparameter " + name + " must be an integer from " + minimum + " to "
                + MAX_ROUNDS + ", got '" + text + "'");
    }
}
