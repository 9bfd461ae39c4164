package dev.seed.mlops.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A transform as a Dataset declares it ({@code spec.transforms[]}), before fitting. Only the fields of its kind are
 * set; {@link TransformGraph} checks them.
 *
 * @param name          the column it produces
 * @param kind          which transform
 * @param column        the column it reads (all kinds but arithmetic)
 * @param columns       arithmetic: the two columns a and b
 * @param strategy      impute: how a missing value is filled
 * @param value         impute constant: the fill value (a number for a numeric column)
 * @param indicator     impute: also produce {@code <name>_missing}, 1 where the value was missing, else 0
 * @param min           clip: the lower bound
 * @param max           clip: the upper bound
 * @param lowerQuantile clip: the lower bound as a quantile of the training split
 * @param upperQuantile clip: the upper bound as a quantile of the training split
 * @param edges         bucketize: ascending bucket edges
 * @param buckets       bucketize: the number of buckets of about equal training mass (edges at quantiles)
 * @param part          datePart: hour, dayOfWeek or month
 * @param unit          datePart: seconds or milliseconds since the epoch
 * @param op            arithmetic: ratio, difference or product
 * @param minFrequency  foldRare: categories rarer than this share of the training split's values are folded
 * @param other         foldRare: the category they are folded into
 * @param intermediate  only an input of later transforms, not a model feature
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransformDeclaration(
        String name,
        TransformKind kind,
        String column,
        List<String> columns,
        ImputeStrategy strategy,
        String value,
        Boolean indicator,
        Double min,
        Double max,
        Double lowerQuantile,
        Double upperQuantile,
        List<Double> edges,
        Integer buckets,
        DatePart part,
        TimeUnit unit,
        ArithmeticOp op,
        Double minFrequency,
        String other,
        Boolean intermediate) {

    public static final String DEFAULT_OTHER = "other";
    public static final double DEFAULT_MIN_FREQUENCY = 0.01;
    public static final String INDICATOR_SUFFIX = "_missing";

    /** The columns it reads, in order. */
    public List<String> inputs() {
        if (kind == TransformKind.arithmetic) {
            return columns == null ? List.of() : columns;
        }
        return column == null ? List.of() : List.of(column);
    }

    @JsonIgnore
    public boolean isIntermediate() {
        return Boolean.TRUE.equals(intermediate);
    }

    /** The name of impute's indicator column, or null without one. */
    public String indicatorName() {
        return kind == TransformKind.impute && Boolean.TRUE.equals(indicator) ? name + INDICATOR_SUFFIX : null;
    }
}
