package dev.seed.mlops.features;

import java.util.List;

/**
 * The parameters each kind needs, checked before fitting. Admission refuses the same mistakes (the Dataset CRD's CEL
 * rules); this check is for specs that did not pass through the API server (the trainer's command line) and names the
 * transform in the same words.
 */
final class TransformParameters {
    private TransformParameters() {
    }

    static void check(TransformDeclaration d) {
        String name = d.name();
        if (name == null || name.isEmpty()) {
            throw new InvalidTransformException(String.valueOf(name), "needs a name, the column it produces");
        }
        if (d.kind() == null) {
            throw new InvalidTransformException(name, "needs a kind, one of " + List.of(TransformKind.values()));
        }
        if (d.kind() == TransformKind.arithmetic) {
            require(d.columns() != null && d.columns().size() == 2, name, "arithmetic needs columns: [a, b], two columns");
            require(d.op() != null, name, "arithmetic needs op: ratio, difference or product");
        } else {
            require(d.column() != null && !d.column().isEmpty(), name, d.kind() + " needs column, the column it reads");
        }
        switch (d.kind()) {
            case impute -> {
                require(d.strategy() != null, name, "impute needs strategy: constant, mean, median or mostFrequent");
                require((d.strategy() == ImputeStrategy.constant) == (d.value() != null), name,
                        "impute takes value exactly when strategy is constant");
            }
            case clip -> {
                require(d.min() != null || d.max() != null || d.lowerQuantile() != null || d.upperQuantile() != null,
                        name, "clip needs a bound: min, max, lowerQuantile or upperQuantile");
                require(d.min() == null || d.lowerQuantile() == null, name, "clip takes min or lowerQuantile, not both");
                require(d.max() == null || d.upperQuantile() == null, name, "clip takes max or upperQuantile, not both");
                require(d.min() == null || d.max() == null || d.min() <= d.max(), name,
                        "clip's min " + d.min() + " is above its max " + d.max());
                require(quantile(d.lowerQuantile()) && quantile(d.upperQuantile()), name, "clip's quantiles are between 0 and 1");
            }
            case bucketize -> {
                require((d.edges() == null) != (d.buckets() == null), name, "bucketize needs edges or buckets, not both");
                require(d.buckets() == null || d.buckets() >= 2, name, "bucketize needs at least 2 buckets, got " + d.buckets());
                require(d.edges() == null || (!d.edges().isEmpty() && ascending(d.edges())), name,
                        "bucketize's edges must strictly ascend, got " + d.edges());
            }
            case datePart -> require(d.part() != null, name, "datePart needs part: hour, dayOfWeek or month");
            case foldRare -> require(d.minFrequency() == null || (d.minFrequency() > 0 && d.minFrequency() < 1), name,
                    "foldRare's minFrequency is a share between 0 and 1 (exclusive), got " + d.minFrequency());
            default -> {
            }
        }
    }

    private static boolean quantile(Double q) {
        return q == null || (q >= 0 && q <= 1);
    }

    private static boolean ascending(List<Double> edges) {
        for (int i = 1; i < edges.size(); i++) {
            if (!(edges.get(i) > edges.get(i - 1))) {
                return false;
            }
        }
        return edges.stream().allMatch(Double::isFinite);
    }

    private static void require(boolean condition, String transform, String problem) {
        if (!condition) {
            throw new InvalidTransformException(transform, problem);
        }
    }
}
