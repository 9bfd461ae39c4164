package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The values one hyperparameter may take in a search: a list, or a numeric range. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.values) != (has(self.min) || has(self.max))",
        message = "a searched hyperparameter has either values or a range (min and max), not both and not neither")
@ValidationRule(value = "has(self.min) == has(self.max)", message = "a range needs both min and max")
@ValidationRule(value = "!has(self.min) || self.min <= self.max", message = "a range's min must not be above its max")
@ValidationRule(value = "!has(self.scale) || self.scale != 'log' || !has(self.min) || self.min > 0.0",
        message = "a log-scale range must lie above 0")
@ValidationRule(value = "!has(self.type) || self.type != 'integer' || !has(self.min) || (double(int(self.min)) == self.min && double(int(self.max)) == self.max)",
        message = "an integer range has whole-number bounds")
@ValidationRule(value = "!has(self.scale) || !has(self.values)", message = "scale applies to a range (min and max), not to values")
@ValidationRule(value = "!has(self.type) || !has(self.values)", message = "type applies to a range (min and max), not to values")
public class ParameterSpace {
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("The values to try, as strings (e.g. [\"hist\", \"approx\"] or [\"3\", \"6\"]). At least one. Default: none (a range instead).")
    private List<@Size(max = 64) String> values;

    @JsonPropertyDescription("Smallest value of a numeric range (inclusive). Default: none (values instead).")
    private Double min;

    @JsonPropertyDescription("Largest value of a numeric range (inclusive); not below min. Default: none (values instead).")
    private Double max;

    @JsonPropertyDescription("How a range is sampled: linear (evenly) or log (evenly in the logarithm; min above 0), for rates such as eta. Only for a range. Default: linear.")
    private ParameterScale scale;

    @JsonPropertyDescription("Whether a range holds integers (max_depth) or real numbers (eta); grid search enumerates every integer of an integer range. Only for a range. Default: real.")
    private ParameterType type;

    public List<String> getValues() {
        return values;
    }

    public void setValues(List<String> values) {
        this.values = values;
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

    public ParameterScale getScale() {
        return scale;
    }

    public void setScale(ParameterScale scale) {
        this.scale = scale;
    }

    public ParameterType getType() {
        return type;
    }

    public void setType(ParameterType type) {
        this.type = type;
    }
}
