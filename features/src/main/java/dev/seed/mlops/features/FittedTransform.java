package dev.seed.mlops.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transform with the parameters fitted on a training split: immutable, written as JSON (the {@code kind} names the
 * record) into the snapshot and the model manifest. {@link #bind} turns it into the one function every consumer
 * applies to a row: the trainer, the inference server and batch prediction.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FittedTransform.Impute.class, name = "impute"),
        @JsonSubTypes.Type(value = FittedTransform.Clip.class, name = "clip"),
        @JsonSubTypes.Type(value = FittedTransform.Log1p.class, name = "log1p"),
        @JsonSubTypes.Type(value = FittedTransform.Standardize.class, name = "standardize"),
        @JsonSubTypes.Type(value = FittedTransform.Bucketize.class, name = "bucketize"),
        @JsonSubTypes.Type(value = FittedTransform.DateTimePart.class, name = "datePart"),
        @JsonSubTypes.Type(value = FittedTransform.Arithmetic.class, name = "arithmetic"),
        @JsonSubTypes.Type(value = FittedTransform.FoldRare.class, name = "foldRare")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface FittedTransform {

    /** The column it produces. */
    String name();

    /** Whether its output only feeds later transforms instead of the model. */
    boolean intermediate();

    /** Adds its output columns to the layout and returns the step that computes them. */
    Step bind(ColumnLayout layout);

    /** The fitted parameters in a few words, for status and logs. */
    String describe();

    /**
     * Fills missing values: numbers with {@code fill}, categories with {@code fillCategory}; an unknown category stays
     * unknown. {@code indicator}, when set, names a 0/1 column that is 1 where the value was missing.
     */
    record Impute(String name, String column, Double fill, String fillCategory, String indicator, boolean intermediate)
            implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, null);
            TypedColumn input = layout.column(in);
            double value;
            int out;
            if (input.isCategorical()) {
                List<String> vocabulary = new ArrayList<>(input.categories());
                if (!vocabulary.contains(fillCategory)) {
                    vocabulary.add(fillCategory);
                }
                value = vocabulary.indexOf(fillCategory);
                out = layout.add(name, TypedColumn.categorical(name, vocabulary), !intermediate);
            } else {
                value = fill;
                out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            }
            if (indicator == null) {
                return row -> row[out] = Values.isMissing(row[in]) ? value : row[in];
            }
            int flag = layout.add(name, TypedColumn.numeric(indicator), !intermediate);
            return row -> {
                boolean missing = Values.isMissing(row[in]);
                row[flag] = missing ? 1 : 0;
                row[out] = missing ? value : row[in];
            };
        }

        @Override
        public String describe() {
            return "fills " + column + " with " + (fill != null ? fill : fillCategory)
                    + (indicator == null ? "" : ", flags it in " + indicator);
        }
    }

    /** Limits numbers to [lower, upper]; a null bound does not limit. */
    record Clip(String name, String column, Double lower, Double upper, boolean intermediate) implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, ColumnType.numeric);
            int out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            double low = lower == null ? Double.NEGATIVE_INFINITY : lower;
            double high = upper == null ? Double.POSITIVE_INFINITY : upper;
            return row -> {
                double x = row[in];
                row[out] = x < low ? low : x > high ? high : x;
            };
        }

        @Override
        public String describe() {
            return "clips " + column + " to [" + (lower == null ? "-inf" : lower) + ", " + (upper == null ? "inf" : upper) + "]";
        }
    }

    /** ln(1 + x), with StrictMath so every JVM computes the same bits; values at or below -1 become missing. */
    record Log1p(String name, String column, boolean intermediate) implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, ColumnType.numeric);
            int out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            return row -> row[out] = row[in] > -1 ? StrictMath.log1p(row[in]) : Values.MISSING;
        }

        @Override
        public String describe() {
            return "log1p of " + column;
        }
    }

    /** (x - mean) / scale, scale being the training split's standard deviation (1 when it is 0). */
    record Standardize(String name, String column, double mean, double scale, boolean intermediate) implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, ColumnType.numeric);
            int out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            return row -> row[out] = Values.finite((row[in] - mean) / scale);
        }

        @Override
        public String describe() {
            return "standardizes " + column + " with mean " + mean + ", scale " + scale;
        }
    }

    /** The bucket index: how many of the ascending edges are at or below the value (0 .. edges.size()). */
    record Bucketize(String name, String column, List<Double> edges, boolean intermediate) implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, ColumnType.numeric);
            int out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            double[] bounds = edges.stream().mapToDouble(Double::doubleValue).toArray();
            return row -> {
                double x = row[in];
                if (Values.isMissing(x)) {
                    row[out] = Values.MISSING;
                    return;
                }
                int position = Arrays.binarySearch(bounds, x);
                row[out] = position >= 0 ? upperEqual(bounds, position) : -position - 1;
            };
        }

        /** With equal values the search may land on any of them; the bucket is past the last edge equal to x. */
        private static int upperEqual(double[] bounds, int position) {
            int p = position;
            while (p + 1 < bounds.length && bounds[p + 1] == bounds[position]) {
                p++;
            }
            return p + 1;
        }

        @Override
        public String describe() {
            return "buckets " + column + " at " + edges;
        }
    }

    /** The hour (0-23), ISO day of week (1 Monday - 7 Sunday) or month (1-12) of a UTC epoch timestamp. */
    record DateTimePart(String name, String column, DatePart part, TimeUnit unit, boolean intermediate) implements FittedTransform {
        /** Beyond ±10^14 seconds (about 3 million years) a timestamp is surely wrong; it reads as missing. */
        private static final double MAX_SECONDS = 1e14;

        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, ColumnType.numeric);
            int out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            double perSecond = unit == TimeUnit.milliseconds ? 1000 : 1;
            return row -> {
                double seconds = Math.floor(row[in] / perSecond);
                row[out] = Values.isMissing(seconds) || Math.abs(seconds) > MAX_SECONDS ? Values.MISSING : part((long) seconds);
            };
        }

        private double part(long seconds) {
            long day = Math.floorDiv(seconds, 86_400L);
            return switch (part) {
                case hour -> Math.floorMod(seconds, 86_400L) / 3600;
                // 1970-01-01 was a Thursday (ISO 4).
                case dayOfWeek -> Math.floorMod(day + 3, 7) + 1;
                case month -> LocalDate.ofEpochDay(day).getMonthValue();
            };
        }

        @Override
        public String describe() {
            return part + " of " + column + " (" + unit + " since the epoch, UTC)";
        }
    }

    /** a / b (missing when b is 0), a - b or a * b; a result beyond the double range is missing. */
    record Arithmetic(String name, List<String> columns, ArithmeticOp op, boolean intermediate) implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int a = layout.input(name, columns.get(0), ColumnType.numeric);
            int b = layout.input(name, columns.get(1), ColumnType.numeric);
            int out = layout.add(name, TypedColumn.numeric(name), !intermediate);
            return switch (op) {
                case ratio -> row -> row[out] = row[b] == 0 ? Values.MISSING : Values.finite(row[a] / row[b]);
                case difference -> row -> row[out] = Values.finite(row[a] - row[b]);
                case product -> row -> row[out] = Values.finite(row[a] * row[b]);
            };
        }

        @Override
        public String describe() {
            return op + " of " + columns.get(0) + " and " + columns.get(1);
        }
    }

    /** Keeps the categories in {@code kept}; every other one, unknown ones included, becomes {@code other}. */
    record FoldRare(String name, String column, List<String> kept, String other, boolean intermediate) implements FittedTransform {
        @Override
        public Step bind(ColumnLayout layout) {
            int in = layout.input(name, column, ColumnType.categorical);
            List<String> vocabulary = new ArrayList<>(kept);
            if (!vocabulary.contains(other)) {
                vocabulary.add(other);
            }
            int out = layout.add(name, TypedColumn.categorical(name, vocabulary), !intermediate);
            List<String> inputs = layout.column(in).categories();
            double otherCode = vocabulary.indexOf(other);
            double[] codes = new double[inputs.size()];
            for (int code = 0; code < codes.length; code++) {
                int index = kept.indexOf(inputs.get(code));
                codes[code] = index < 0 ? otherCode : index;
            }
            return row -> {
                double x = row[in];
                row[out] = Values.isMissing(x) ? Values.MISSING : x == Values.UNKNOWN ? otherCode : codes[(int) x];
            };
        }

        @Override
        public String describe() {
            return "keeps " + kept.size() + " categories of " + column + " " + kept + ", folds the rest into " + other;
        }
    }
}
