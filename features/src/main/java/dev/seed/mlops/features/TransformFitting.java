package dev.seed.mlops.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Fits one declared transform on its input columns over the training rows. */
final class TransformFitting {
    private TransformFitting() {
    }

    static FittedTransform fit(TransformDeclaration d, ColumnLayout layout, List<double[]> values) {
        String name = d.name();
        boolean intermediate = d.isIntermediate();
        return switch (d.kind()) {
            case impute -> impute(d, layout, values);
            case clip -> {
                double[] sorted = numeric(d, layout, values, d.lowerQuantile() != null || d.upperQuantile() != null);
                Double lower = d.lowerQuantile() != null ? Double.valueOf(Statistics.quantile(sorted, d.lowerQuantile())) : d.min();
                Double upper = d.upperQuantile() != null ? Double.valueOf(Statistics.quantile(sorted, d.upperQuantile())) : d.max();
                if (lower != null && upper != null && lower > upper) {
                    throw new InvalidTransformException(name, "column '" + d.column() + "' gives the lower bound " + lower
                            + " above the upper bound " + upper);
                }
                yield new FittedTransform.Clip(name, d.column(), lower, upper, intermediate);
            }
            case log1p -> new FittedTransform.Log1p(name, d.column(), intermediate);
            case standardize -> {
                double[] sorted = numeric(d, layout, values, true);
                double mean = Statistics.mean(sorted);
                double deviation = Statistics.standardDeviation(sorted, mean);
                yield new FittedTransform.Standardize(name, d.column(), mean, deviation > 0 ? deviation : 1, intermediate);
            }
            case bucketize -> {
                double[] sorted = numeric(d, layout, values, d.buckets() != null);
                yield new FittedTransform.Bucketize(name, d.column(),
                        d.edges() != null ? d.edges() : quantileEdges(sorted, d.buckets()), intermediate);
            }
            case datePart -> new FittedTransform.DateTimePart(name, d.column(), d.part(),
                    d.unit() == null ? TimeUnit.seconds : d.unit(), intermediate);
            case arithmetic -> new FittedTransform.Arithmetic(name, d.columns(), d.op(), intermediate);
            case foldRare -> foldRare(d, layout, values);
        };
    }

    private static FittedTransform impute(TransformDeclaration d, ColumnLayout layout, List<double[]> values) {
        int slot = layout.input(d.name(), d.column(), null);
        TypedColumn column = layout.column(slot);
        String indicator = d.indicatorName();
        if (column.isCategorical()) {
            String fill = switch (d.strategy()) {
                case constant -> d.value();
                case mostFrequent -> mostFrequentCategory(d, column, values.get(slot));
                default -> throw new InvalidTransformException(d.name(), "column '" + d.column() + "' is categorical;"
                        + " impute it with strategy constant or mostFrequent, not " + d.strategy());
            };
            return new FittedTransform.Impute(d.name(), d.column(), null, fill, indicator, d.isIntermediate());
        }
        double fill = switch (d.strategy()) {
            case constant -> parse(d);
            case mean -> Statistics.mean(present(d, values.get(slot)));
            case median -> Statistics.quantile(present(d, values.get(slot)), 0.5);
            case mostFrequent -> Statistics.mode(present(d, values.get(slot)));
        };
        return new FittedTransform.Impute(d.name(), d.column(), fill, null, indicator, d.isIntermediate());
    }

    private static double parse(TransformDeclaration d) {
        try {
            double value = Double.parseDouble(d.value());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidTransformException(d.name(), "column '" + d.column() + "' is numeric but value \"" + d.value()
                + "\" is not a finite number");
    }

    /** Ties go to the alphabetically first category, so the vocabulary's order (the whole source's) cannot matter. */
    private static String mostFrequentCategory(TransformDeclaration d, TypedColumn column, double[] codes) {
        long[] counts = counts(column, codes);
        String best = null;
        long bestCount = 0;
        for (int code = 0; code < counts.length; code++) {
            String category = column.categories().get(code);
            if (counts[code] > bestCount || (counts[code] == bestCount && counts[code] > 0 && category.compareTo(best) < 0)) {
                best = category;
                bestCount = counts[code];
            }
        }
        if (best == null) {
            throw noValues(d);
        }
        return best;
    }

    private static FittedTransform foldRare(TransformDeclaration d, ColumnLayout layout, List<double[]> values) {
        int slot = layout.input(d.name(), d.column(), ColumnType.categorical);
        TypedColumn column = layout.column(slot);
        long[] counts = counts(column, values.get(slot));
        long total = Arrays.stream(counts).sum();
        double minFrequency = d.minFrequency() == null ? TransformDeclaration.DEFAULT_MIN_FREQUENCY : d.minFrequency();
        List<String> kept = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0 && counts[code] >= minFrequency * total) {
                kept.add(column.categories().get(code));
            }
        }
        kept.sort(null);
        String other = d.other() == null ? TransformDeclaration.DEFAULT_OTHER : d.other();
        return new FittedTransform.FoldRare(d.name(), d.column(), kept, other, d.isIntermediate());
    }

    private static long[] counts(TypedColumn column, double[] codes) {
        long[] counts = new long[column.categories().size()];
        for (double code : codes) {
            if (!Values.isMissing(code) && code != Values.UNKNOWN) {
                counts[(int) code]++;
            }
        }
        return counts;
    }

    /** The sorted non-missing values of a numeric input; refused when a statistic is needed and there is none. */
    private static double[] numeric(TransformDeclaration d, ColumnLayout layout, List<double[]> values, boolean needsValues) {
        int slot = layout.input(d.name(), d.column(), ColumnType.numeric);
        return needsValues ? present(d, values.get(slot)) : new double[0];
    }

    private static double[] present(TransformDeclaration d, double[] values) {
        double[] sorted = Statistics.sortedPresent(values);
        if (sorted.length == 0) {
            throw noValues(d);
        }
        return sorted;
    }

    private static InvalidTransformException noValues(TransformDeclaration d) {
        return new InvalidTransformException(d.name(), "column '" + d.column() + "' has no values in the training split"
                + " to fit " + d.kind() + " on");
    }

    /** Edges at the 1/k .. (k-1)/k quantiles, equal ones merged (a heavy value makes fewer buckets, never empty ones). */
    private static List<Double> quantileEdges(double[] sorted, int buckets) {
        List<Double> edges = new ArrayList<>();
        for (int i = 1; i < buckets; i++) {
            double edge = Statistics.quantile(sorted, (double) i / buckets);
            if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
                edges.add(edge);
            }
        }
        return edges;
    }
}
