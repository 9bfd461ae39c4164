package dev.seed.mlops.trainer.train;

import dev.seed.mlops.api.v1alpha1.CrossValidation;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.prepare.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-fold cross-validation on a train split: a seeded shuffle of its rows is dealt into k folds, each fold is scored by
 * a model trained on the other k-1, and every metric is reported as its mean and standard deviation across folds
 * (cv.&lt;metric&gt;.mean, cv.&lt;metric&gt;.std; population deviation, as XGBoost's own cv reports it).
 * xgboost4j's {@code XGBoost.crossValidation} is not used: it reports only XGBoost's evaluation metrics (not the
 * API's accuracy, f1, ... that gates read), draws its folds unseeded, and has no early stopping.
 */
public final class CrossValidator {
    /** Trains on one part and returns the metrics of the other. */
    @FunctionalInterface
    public interface FoldScorer {
        Map<String, Double> score(Table trainOn, Table heldOut) throws Exception;
    }

    private CrossValidator() {
    }

    /** The rows of each fold, sorted: fold i holds the positions i, i+k, i+2k, ... of the seeded shuffle. */
    public static int[][] folds(int rows, int k, long seed) {
        if (k < 2 || k > rows) {
            throw new IllegalArgumentException(rows + " rows cannot be cut into " + k + " folds");
        }
        int[] order = Split.shuffledIndexes(rows, seed);
        int[][] folds = new int[k][];
        for (int fold = 0; fold < k; fold++) {
            int size = (rows - fold + k - 1) / k;
            int[] part = new int[size];
            for (int i = 0; i < size; i++) {
                part[i] = order[fold + i * k];
            }
            Arrays.sort(part);
            folds[fold] = part;
        }
        return folds;
    }

    /** The rows outside {@code fold}, sorted. */
    public static int[] complement(int rows, int[] fold) {
        int[] rest = new int[rows - fold.length];
        int next = 0;
        int inFold = 0;
        for (int row = 0; row < rows; row++) {
            if (inFold < fold.length && fold[inFold] == row) {
                inFold++;
            } else {
                rest[next++] = row;
            }
        }
        return rest;
    }

    public static Map<String, Double> run(Table train, int k, long seed, FoldScorer scorer) throws Exception {
        List<Map<String, Double>> perFold = new ArrayList<>();
        for (int[] fold : folds(train.rows(), k, seed)) {
            perFold.add(scorer.score(train.select(complement(train.rows(), fold)), train.select(fold)));
        }
        return summary(perFold);
    }

    /** Mean and population standard deviation of each metric the folds report. */
    static Map<String, Double> summary(List<Map<String, Double>> perFold) {
        Map<String, Double> summary = new LinkedHashMap<>();
        for (String metric : perFold.get(0).keySet()) {
            double[] values = perFold.stream().mapToDouble(metrics -> metrics.get(metric)).toArray();
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
            summary.put(CrossValidation.PREFIX + metric + CrossValidation.MEAN, mean);
            summary.put(CrossValidation.PREFIX + metric + CrossValidation.STD, Math.sqrt(variance));
        }
        return summary;
    }
}
