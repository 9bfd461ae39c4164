package dev.seed.mlops.trainer.train;

import java.util.Set;

/**
 * The last metric of an XGBoost evaluation line such as {@code [12]\tvalidation-logloss:0.2113}: XGBoost's own
 * convention is that the last metric listed decides early stopping.
 */
public record EvalLine(String metric, double value) {
    private static final Set<String> HIGHER_IS_BETTER = Set.of("auc", "aucpr", "map", "ndcg", "pre");

    public static EvalLine parseLast(String line, String datasetName) {
        String[] parts = line.strip().split("\t");
        String last = parts[parts.length - 1];
        String prefix = datasetName + "-";
        int colon = last.lastIndexOf(':');
        if (!last.startsWith(prefix) || colon < 0) {
            throw new IllegalStateException("unexpected XGBoost evaluation output: " + line);
        }
        return new EvalLine(last.substring(prefix.length(), colon), Double.parseDouble(last.substring(colon + 1)));
    }

    /** Whether a larger value is better, by the metric's name without @ arguments (e.g. ndcg@5). */
    public boolean higherIsBetter() {
        int at = metric.indexOf('@');
        return HIGHER_IS_BETTER.contains(at < 0 ? metric : metric.substring(0, at));
    }
}
