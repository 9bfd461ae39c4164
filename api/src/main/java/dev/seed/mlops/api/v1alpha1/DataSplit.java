package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.testFraction + self.validationFraction < 1.0", message = "testFraction + validationFraction must leave rows for training (sum below 1)")
public class DataSplit {
    @Default("0.2")
    @ValidationRule(value = "self > 0.0 && self < 1.0", message = "testFraction must be between 0 and 1 (exclusive)")
    @JsonPropertyDescription("Fraction of rows held out as the test set used for evaluation, between 0 and 1 (exclusive). Default: 0.2.")
    private Double testFraction = 0.2;

    @Default("0.1")
    @ValidationRule(value = "self >= 0.0 && self < 1.0", message = "validationFraction must be at least 0 and below 1")
    @JsonPropertyDescription("Fraction of rows held out for early stopping during training, at least 0 and below 1. Default: 0.1.")
    private Double validationFraction = 0.1;

    @Default("42")
    @Min(0)
    @JsonPropertyDescription("Seed of the deterministic split: the same data and seed always give the same split. Default: 42.")
    private Long seed = 42L;

    public Double getTestFraction() {
        return testFraction;
    }

    public void setTestFraction(Double testFraction) {
        this.testFraction = testFraction;
    }

    public Double getValidationFraction() {
        return validationFraction;
    }

    public void setValidationFraction(Double validationFraction) {
        this.validationFraction = validationFraction;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }
}
