package dev.seed.mlops.trainer.evaluate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-split metrics of a classifier from its class probabilities. Binary: positive class 1, threshold 0.5.
 * Multiclass: the predicted class is the most probable; precision, recall, F1 and AUC are macro averages over
 * the classes (AUC one-vs-rest, over classes that occur and do not fill the whole split).
 */
public final class ClassificationMetrics {
    /** Probabilities are clipped to [EPSILON, 1 - EPSILON] in log loss, as scikit-learn does. */
    static final double EPSILON = 1e-15;
    private static final double THRESHOLD = 0.5;

    private ClassificationMetrics() {
    }

    /** @param positiveProbability per row, the probability of class 1 */
    public static Map<String, Double> binary(double[] labels, double[] positiveProbability) {
        requireSameLength(labels.length, positiveProbability.length);
        ConfusionCounts counts = new ConfusionCounts();
        double logLoss = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean actual = labels[i] == 1;
            counts.add(actual, positiveProbability[i] >= THRESHOLD);
            double p = clip(positiveProbability[i]);
            logLoss -= actual ? Math.log(p) : Math.log(1 - p);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.ACCURACY, counts.accuracy());
        metrics.put(MetricNames.PRECISION, counts.precision());
        metrics.put(MetricNames.RECALL, counts.recall());
        metrics.put(MetricNames.F1, counts.f1());
        metrics.put(MetricNames.AUC, auc(labels, positiveProbability, 1));
        metrics.put(MetricNames.LOG_LOSS, logLoss / labels.length);
        return metrics;
    }

    /** @param probabilities per row, the probability of each class 0..k-1 */
    public static Map<String, Double> multiclass(double[] labels, double[][] probabilities) {
        requireSameLength(labels.length, probabilities.length);
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[] predicted = new int[labels.length];
        long correct = 0;
        double logLoss = 0;
        for (int i = 0; i < labels.length; i++) {
            predicted[i] = argMax(probabilities[i]);
            correct += predicted[i] == (int) labels[i] ? 1 : 0;
            int actual = (int) labels[i];
            logLoss -= Math.log(clip(actual < classes ? probabilities[i][actual] : 0));
        }
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        double aucSum = 0;
        int aucClasses = 0;
        for (int k = 0; k < classes; k++) {
            ConfusionCounts counts = new ConfusionCounts();
            double[] scores = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                counts.add((int) labels[i] == k, predicted[i] == k);
                scores[i] = probabilities[i][k];
            }
            precision += counts.precision();
            recall += counts.recall();
            f1 += counts.f1();
            double classAuc = auc(labels, scores, k);
            if (!Double.isNaN(classAuc)) {
                aucSum += classAuc;
                aucClasses++;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MetricNames.ACCURACY, (double) correct / labels.length);
        metrics.put(MetricNames.PRECISION, precision / classes);
        metrics.put(MetricNames.RECALL, recall / classes);
        metrics.put(MetricNames.F1, f1 / classes);
        metrics.put(MetricNames.AUC, aucClasses == 0 ? Double.NaN : aucSum / aucClasses);
        metrics.put(MetricNames.LOG_LOSS, logLoss / labels.length);
        return metrics;
    }

    /**
     * ROC AUC of scores for "label == positive": the probability that a random positive scores above a random
     * negative, ties counting half (the Mann-Whitney U statistic over average ranks). NaN without both kinds.
     */
    public static double auc(double[] labels, double[] scores, double positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == positive) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double clip(double p) {
        return Math.min(1 - EPSILON, Math.max(EPSILON, p));
    }

    private static void requireSameLength(int labels, int predictions) {
        if (labels != predictions || labels == 0) {
            throw new IllegalArgumentException("need as many predictions as labels, at least one: " + labels + " vs " + predictions);
        }
    }

    /** One class against the rest. Undefined ratios (nothing predicted, nothing actual) are 0, as in scikit-learn. */
    private static final class ConfusionCounts {
        private long truePositives;
        private long falsePositives;
        private long falseNegatives;
        private long trueNegatives;

        void add(boolean actual, boolean predicted) {
            if (actual) {
                if (predicted) {
                    truePositives++;
                } else {
                    falseNegatives++;
                }
            } else if (predicted) {
                falsePositives++;
            } else {
                trueNegatives++;
            }
        }

        double accuracy() {
            return ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives);
        }

        double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        double f1() {
            return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
        }

        private static double ratio(long numerator, long denominator) {
            return denominator == 0 ? 0 : (double) numerator / denominator;
        }
    }
}
