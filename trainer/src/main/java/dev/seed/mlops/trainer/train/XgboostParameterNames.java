package dev.seed.mlops.trainer.train;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The parameter names XGBoost 3.0 documents for its tree and linear boosters and its learning task (aliases
 * included). XGBoost only warns about a name it does not use, in a log nobody reads: a typo such as max_detph
 * would train another model than the one asked for, so the trainer refuses names outside this list.
 */
final class XgboostParameterNames {
    static final SortedSet<String> KNOWN = new TreeSet<>(Set.of(
            // general
            "booster", "device", "verbosity", "validate_parameters", "nthread", "disable_default_eval_metric",
            // tree booster
            "eta", "learning_rate", "gamma", "min_split_loss", "max_depth", "min_child_weight", "max_delta_step",
            "subsample", "sampling_method", "colsample_bytree", "colsample_bylevel", "colsample_bynode",
            "lambda", "reg_lambda", "alpha", "reg_alpha", "tree_method", "scale_pos_weight", "updater",
            "refresh_leaf", "process_type", "grow_policy", "max_leaves", "max_bin", "num_parallel_tree",
            "monotone_constraints", "interaction_constraints", "multi_strategy", "max_cached_hist_node",
            "max_cat_to_onehot", "max_cat_threshold",
            // dart booster
            "sample_type", "normalize_type", "rate_drop", "one_drop", "skip_drop",
            // linear booster
            "feature_selector", "top_k",
            // learning task
            "objective", "base_score", "eval_metric", "seed", "seed_per_iteration", "num_class",
            "tweedie_variance_power", "huber_slope", "quantile_alpha"));

    private XgboostParameterNames() {
    }

    /** The known name closest to {@code name} in edits, if it is a plausible typo (at most two edits away). */
    static Optional<String> nearest(String name, Set<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(name, candidate)).thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(name, candidate) <= 2);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours (detph). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
