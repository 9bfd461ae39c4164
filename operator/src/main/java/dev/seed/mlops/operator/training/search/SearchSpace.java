package dev.seed.mlops.operator.training.search;

import dev.seed.mlops.api.v1alpha1.ParameterScale;
import dev.seed.mlops.api.v1alpha1.ParameterSpace;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchAlgorithm;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The hyperparameter values of trial n of a search, a pure function of the spec and n: random draws are seeded by
 * (seed, n), so the planner never stores what it has not started, and the same spec always tries the same trials.
 * Names are visited in sorted order; values are the strings the trainer receives.
 */
public final class SearchSpace {
    /** More grid points than this in one integer range is not a grid anyone means to run. */
    static final long MAX_GRID_POINTS = 1_000_000;
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private final Search search;
    private final Map<String, ParameterSpace> space;

    public SearchSpace(Search search) {
        this.search = search;
        this.space = new TreeMap<>(search.getSpace());
    }

    /** How many trials the search runs: maxTrials, or fewer when the grid has fewer points. */
    public int totalTrials() {
        int maxTrials = search.getMaxTrials();
        return algorithm() == SearchAlgorithm.grid ? (int) Math.min(maxTrials, gridSize()) : maxTrials;
    }

    public Map<String, String> trial(int n) {
        return algorithm() == SearchAlgorithm.grid ? gridPoint(n) : randomDraw(n);
    }

    private SearchAlgorithm algorithm() {
        return search.getAlgorithm() == null ? SearchAlgorithm.random : search.getAlgorithm();
    }

    long gridSize() {
        long size = 1;
        for (ParameterSpace parameter : space.values()) {
            size = Math.min(MAX_GRID_POINTS, size * gridValues(parameter).size());
        }
        return size;
    }

    /** Mixed-radix: the last name varies fastest, as nested loops in name order would. */
    private Map<String, String> gridPoint(int n) {
        List<String> names = new ArrayList<>(space.keySet());
        Map<String, String> point = new LinkedHashMap<>();
        long rest = n;
        String[] chosen = new String[names.size()];
        for (int i = names.size() - 1; i >= 0; i--) {
            List<String> values = gridValues(space.get(names.get(i)));
            chosen[i] = values.get((int) (rest % values.size()));
            rest /= values.size();
        }
        for (int i = 0; i < names.size(); i++) {
            point.put(names.get(i), chosen[i]);
        }
        return point;
    }

    private static List<String> gridValues(ParameterSpace parameter) {
        if (parameter.getValues() != null) {
            return parameter.getValues();
        }
        long min = (long) Math.ceil(parameter.getMin());
        long max = (long) Math.floor(parameter.getMax());
        List<String> values = new ArrayList<>();
        for (long value = min; value <= max && values.size() < MAX_GRID_POINTS; value++) {
            values.add(Long.toString(value));
        }
        return values;
    }

    private Map<String, String> randomDraw(int n) {
        long seed = search.getSeed() == null ? 0 : search.getSeed();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        Map<String, String> draw = new LinkedHashMap<>();
        space.forEach((name, parameter) -> draw.put(name, draw(parameter, random)));
        return draw;
    }

    static String draw(ParameterSpace parameter, SplittableRandom random) {
        if (parameter.getValues() != null) {
            return parameter.getValues().get(random.nextInt(parameter.getValues().size()));
        }
        boolean log = parameter.getScale() == ParameterScale.log;
        boolean integer = parameter.getType() == ParameterType.integer;
        double min = parameter.getMin();
        double max = parameter.getMax();
        if (integer) {
            long low = (long) Math.ceil(min);
            long high = (long) Math.floor(max);
            if (!log) {
                return Long.toString(low + random.nextLong(high - low + 1));
            }
            // Evenly in the logarithm over [low, high + 1), floored: each integer gets its share of the log scale.
            double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high + 1.0) - Math.log(low)));
            return Long.toString(Math.min(high, (long) Math.floor(value)));
        }
        double u = random.nextDouble();
        double value = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }
}
