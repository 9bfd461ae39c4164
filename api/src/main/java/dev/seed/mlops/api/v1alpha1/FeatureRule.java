package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@ValidationRule(value = "!has(self.min) || !has(self.max) || self.min <= self.max", message = "min must not be greater than max")
@ValidationRule(value = "!has(self.allowedValues) || (!has(self.min) && !has(self.max))", message = "a rule has either a numeric range (min/max) or allowedValues, not both")
public class FeatureRule {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("The feature this rule applies to; must be declared in schema.features.")
    private String name;

    @JsonPropertyDescription("Smallest allowed value of a numeric feature (refused on a categorical one).")
    private Double min;

    @JsonPropertyDescription("Largest allowed value of a numeric feature (refused on a categorical one).")
    private Double max;

    @Size(min = 1, max = 1024)
    @JsonPropertyDescription("The values a categorical feature may take (refused on a numeric one).")
    private List<String> allowedValues;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Overrides validation.maxMissingFraction for this feature.")
    private Double maxMissingFraction;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    public List<String> getAllowedValues() {
        return allowedValues;
    }

    public void setAllowedValues(List<String> allowedValues) {
        this.allowedValues = allowedValues;
    }

    public Double getMaxMissingFraction() {
        return maxMissingFraction;
    }

    public void setMaxMissingFraction(Double maxMissingFraction) {
        this.maxMissingFraction = maxMissingFraction;
    }
}
