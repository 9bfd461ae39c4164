package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.seed.mlops.features.ArithmeticOp;
import dev.seed.mlops.features.DatePart;
import dev.seed.mlops.features.ImputeStrategy;
import dev.seed.mlops.features.TimeUnit;
import dev.seed.mlops.features.TransformKind;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * One declared feature transform ({@code Dataset.spec.transforms[]}): fitted on the training split by the prepare Job and
 * applied by the trainer, the inference server and batch prediction through the features module. Each kind takes only
 * its own parameters; the rules below refuse the others, so a typo in a kind's parameters is not silently ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.kind == 'arithmetic' ? (has(self.columns) && has(self.op) && !has(self.column)) : (has(self.column) && !has(self.columns) && !has(self.op))",
        messageExpression = "'transform ' + self.name + ': ' + (self.kind == 'arithmetic' ? 'arithmetic takes columns [a, b] and op, not column' : self.kind + ' takes column, not columns or op')")
@ValidationRule(value = "self.kind == 'impute' ? has(self.strategy) && (self.strategy == 'constant') == has(self.value) : !has(self.strategy) && !has(self.value) && !has(self.indicator)",
        messageExpression = "'transform ' + self.name + ': ' + (self.kind == 'impute' ? 'impute needs strategy, and value exactly when strategy is constant' : 'strategy, value and indicator are impute parameters, not ' + self.kind + ' ones')")
@ValidationRule(value = "self.kind == 'clip' ? (has(self.min) || has(self.max) || has(self.lowerQuantile) || has(self.upperQuantile)) && !(has(self.min) && has(self.lowerQuantile)) && !(has(self.max) && has(self.upperQuantile)) : !has(self.min) && !has(self.max) && !has(self.lowerQuantile) && !has(self.upperQuantile)",
        messageExpression = "'transform ' + self.name + ': ' + (self.kind == 'clip' ? 'clip needs a lower bound (min or lowerQuantile, not both), an upper bound (max or upperQuantile, not both) or both' : 'min, max, lowerQuantile and upperQuantile are clip parameters, not ' + self.kind + ' ones')")
@ValidationRule(value = "!has(self.min) || !has(self.max) || self.min <= self.max",
        messageExpression = "'transform ' + self.name + ': clip min is above max'")
@ValidationRule(value = "!has(self.lowerQuantile) || !has(self.upperQuantile) || self.lowerQuantile <= self.upperQuantile",
        messageExpression = "'transform ' + self.name + ': clip lowerQuantile is above upperQuantile'")
@ValidationRule(value = "self.kind == 'bucketize' ? has(self.edges) != has(self.buckets) : !has(self.edges) && !has(self.buckets)",
        messageExpression = "'transform ' + self.name + ': ' + (self.kind == 'bucketize' ? 'bucketize needs edges or buckets, not both' : 'edges and buckets are bucketize parameters, not ' + self.kind + ' ones')")
@ValidationRule(value = "!has(self.edges) || (self.edges.isSorted() && self.edges.all(e, self.edges.exists_one(f, f == e)))",
        messageExpression = "'transform ' + self.name + ': bucketize edges must strictly ascend'")
@ValidationRule(value = "self.kind == 'datePart' ? has(self.part) : !has(self.part) && !has(self.unit)",
        messageExpression = "'transform ' + self.name + ': ' + (self.kind == 'datePart' ? 'datePart needs part: hour, dayOfWeek or month' : 'part and unit are datePart parameters, not ' + self.kind + ' ones')")
@ValidationRule(value = "self.kind == 'foldRare' || (!has(self.minFrequency) && !has(self.other))",
        messageExpression = "'transform ' + self.name + ': minFrequency and other are foldRare parameters, not ' + self.kind + ' ones'")
@ValidationRule(value = "!has(self.minFrequency) || (self.minFrequency > 0.0 && self.minFrequency < 1.0)",
        messageExpression = "'transform ' + self.name + ': foldRare minFrequency must be above 0 and below 1'")
@ValidationRule(value = "(has(self.column) ? self.column != self.name : true) && (has(self.columns) ? !self.columns.exists(c, c == self.name) : true)",
        messageExpression = "'transform ' + self.name + ' reads its own output (a cycle): read a schema feature or an earlier transform'")
public class FeatureTransform {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("The column this transform produces: a model feature (unless intermediate) and a column later transforms may read. Not a column of the schema. Required.")
    private String name;

    @Required
    @JsonPropertyDescription("impute, clip, log1p, standardize, bucketize, datePart, arithmetic or foldRare (docs/api.md shows each with an example). Required.")
    private TransformKind kind;

    @Size(min = 1, max = 128)
    @JsonPropertyDescription("The column it reads: a schema feature or an earlier transform's output; every kind but arithmetic. Default: unset.")
    private String column;

    @Size(min = 2, max = 2)
    @JsonPropertyDescription("arithmetic: the two columns [a, b] it combines. Default: unset.")
    private List<String> columns;

    @JsonPropertyDescription("impute: constant (value), or the mean, median or mostFrequent value of the training split (mostFrequent and constant for a categorical column). Default: unset.")
    private ImputeStrategy strategy;

    @Size(max = 128)
    @JsonPropertyDescription("impute with strategy constant: the fill value (a number for a numeric column). Default: unset.")
    private String value;

    @JsonPropertyDescription("impute: also produce <name>_missing, 1 where the value was missing and 0 elsewhere. Default: false.")
    private Boolean indicator;

    @JsonPropertyDescription("clip: the lower bound. Default: unset (no lower bound unless lowerQuantile).")
    private Double min;

    @JsonPropertyDescription("clip: the upper bound. Default: unset (no upper bound unless upperQuantile).")
    private Double max;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("clip: the lower bound as this quantile of the training split, 0 to 1. Default: unset.")
    private Double lowerQuantile;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("clip: the upper bound as this quantile of the training split, 0 to 1. Default: unset.")
    private Double upperQuantile;

    @Size(min = 1, max = 64)
    @JsonPropertyDescription("bucketize: strictly ascending edges; a value's bucket is how many edges are at or below it. Default: unset.")
    private List<Double> edges;

    @Min(2)
    @Max(100)
    @JsonPropertyDescription("bucketize: this many buckets of about equal training mass (edges at quantiles of the training split), 2 to 100. Default: unset.")
    private Integer buckets;

    @JsonPropertyDescription("datePart: hour (0-23), dayOfWeek (1 Monday to 7 Sunday) or month (1-12), in UTC. Default: unset.")
    private DatePart part;

    @JsonPropertyDescription("datePart: what the timestamp column counts since 1970-01-01T00:00:00Z, seconds or milliseconds. Default: seconds.")
    private TimeUnit unit;

    @JsonPropertyDescription("arithmetic: ratio (a / b, missing where b is 0), difference (a - b) or product (a * b). Default: unset.")
    private ArithmeticOp op;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("foldRare: categories making up less than this share of the training split's values are folded, above 0 and below 1. Default: 0.01.")
    private Double minFrequency;

    @Size(min = 1, max = 128)
    @JsonPropertyDescription("foldRare: the category rare and unseen values are folded into. Default: other.")
    private String other;

    @JsonPropertyDescription("Only an input of later transforms, not a model feature. Default: false.")
    private Boolean intermediate;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TransformKind getKind() {
        return kind;
    }

    public void setKind(TransformKind kind) {
        this.kind = kind;
    }

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public List<String> getColumns() {
        return columns;
    }

    public void setColumns(List<String> columns) {
        this.columns = columns;
    }

    public ImputeStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(ImputeStrategy strategy) {
        this.strategy = strategy;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public Boolean getIndicator() {
        return indicator;
    }

    public void setIndicator(Boolean indicator) {
        this.indicator = indicator;
    }

    public Double getMin() {
        return min;
    }

    public void setMin(Double min) {
        this.min = min;
    }

    public Double getMax() {
        return max;
    }

    public void setMax(Double max) {
        this.max = max;
    }

    public Double getLowerQuantile() {
        return lowerQuantile;
    }

    public void setLowerQuantile(Double lowerQuantile) {
        this.lowerQuantile = lowerQuantile;
    }

    public Double getUpperQuantile() {
        return upperQuantile;
    }

    public void setUpperQuantile(Double upperQuantile) {
        this.upperQuantile = upperQuantile;
    }

    public List<Double> getEdges() {
        return edges;
    }

    public void setEdges(List<Double> edges) {
        this.edges = edges;
    }

    public Integer getBuckets() {
        return buckets;
    }

    public void setBuckets(Integer buckets) {
        this.buckets = buckets;
    }

    public DatePart getPart() {
        return part;
    }

    public void setPart(DatePart part) {
        this.part = part;
    }

    public TimeUnit getUnit() {
        return unit;
    }

    public void setUnit(TimeUnit unit) {
        this.unit = unit;
    }

    public ArithmeticOp getOp() {
        return op;
    }

    public void setOp(ArithmeticOp op) {
        this.op = op;
    }

    public Double getMinFrequency() {
        return minFrequency;
    }

    public void setMinFrequency(Double minFrequency) {
        this.minFrequency = minFrequency;
    }

    public String getOther() {
        return other;
    }

    public void setOther(String other) {
        this.other = other;
    }

    public Boolean getIntermediate() {
        return intermediate;
    }

    public void setIntermediate(Boolean intermediate) {
        this.intermediate = intermediate;
    }
}
