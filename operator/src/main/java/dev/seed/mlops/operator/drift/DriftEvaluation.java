package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.FeatureScore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reading judged against a policy: the scores it watches, the worst of them, and whether they breach.
 * Inconclusive when the window holds fewer than minSamples rows or nothing could be scored.
 */
public record DriftEvaluation(BreachTracker.Reading reading, List<FeatureScore> scores, Optional<Map.Entry<String, Double>> worst,
        long samples, String summary) {
    /** What status.scores holds at most: the highest scores, so a model with many features still fits. */
    static final int MAX_SCORES = 257;

    public static DriftEvaluation of(DriftReading reading, DriftPolicySpec spec) {
        double threshold = spec.getThreshold();
        List<FeatureScore> scores = reading.scores().entrySet().stream()
                .filter(e -> watched(e.getKey(), spec))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(MAX_SCORES)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> score(e.getKey(), e.getValue(), threshold))
                .toList();
        Optional<Map.Entry<String, Double>> worst = reading.scores().entrySet().stream()
                .filter(e -> watched(e.getKey(), spec))
                .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
        String metric = spec.getMetric().name();
        if (reading.samples() < spec.getMinSamples() || worst.isEmpty()) {
            String why = worst.isEmpty() ? "no feature could be scored yet" : "fewer than minSamples " + spec.getMinSamples();
            return new DriftEvaluation(BreachTracker.Reading.INCONCLUSIVE, scores, worst, reading.samples(),
                    reading.samples() + " samples in the window, " + why + "; scores do not count until there are enough");
        }
        boolean breach = worst.get().getValue() > threshold;
        String summary = breach
                ? describe(worst.get(), metric) + " > " + number(threshold)
                : "highest " + metric + " " + number(worst.get().getValue()) + " (" + subject(worst.get().getKey()) + ") is within the threshold " + number(threshold);
        return new DriftEvaluation(breach ? BreachTracker.Reading.BREACH : BreachTracker.Reading.CLEAR, scores, worst, reading.samples(), summary);
    }

    /** The worst score to four significant digits, as status and the MAX-SCORE column show it. */
    public Double maxScore() {
        return worst.map(Map.Entry::getValue).map(DriftEvaluation::shown).orElse(null);
    }

    /** Four significant digits: a score is an estimate, and kubectl prints a number as it is stored. */
    static double shown(double score) {
        return Double.isFinite(score) ? new BigDecimal(score).round(new MathContext(4)).doubleValue() : score;
    }

    /** e.g. "drift on feature age: psi 0.41": what the InferenceService repeats when it retires the drifted version. */
    static String describe(Map.Entry<String, Double> score, String metric) {
        return "drift on " + subject(score.getKey()) + ": " + metric + " " + number(score.getValue());
    }

    private static String subject(String variable) {
        return DriftReading.PREDICTION.equals(variable) ? "the prediction" : "feature " + variable;
    }

    private static boolean watched(String variable, DriftPolicySpec spec) {
        return DriftReading.PREDICTION.equals(variable) || spec.getFeatures() == null || spec.getFeatures().isEmpty()
                || spec.getFeatures().contains(variable);
    }

    private static FeatureScore score(String variable, double value, double threshold) {
        FeatureScore score = new FeatureScore();
        score.setFeature(variable);
        score.setScore(shown(value));
        score.setBreached(value > threshold);
        return score;
    }

    /** Three significant digits, no trailing zeros: 0.41, 0.2, 1.23. */
    static String number(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
