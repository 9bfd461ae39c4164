package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

public class DataValidation {
    @Default("1")
    @Min(1)
    @JsonPropertyDescription("The source must have at least this many data rows. Default: 1.")
    private Long minRows = 1L;

    @Default("0.0")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Largest fraction of missing values allowed in any feature column, from 0 to 1. Default: 0.0.")
    private Double maxMissingFraction = 0.0;

    @Size(max = 256)
    @JsonPropertyDescription("Per-feature rules: numeric ranges and allowed categories.")
    private List<FeatureRule> features = new ArrayList<>();

    public Long getMinRows() {
        return minRows;
    }

    public void setMinRows(Long minRows) {
        this.minRows = minRows;
    }

    public Double getMaxMissingFraction() {
        return maxMissingFraction;
    }

    public void setMaxMissingFraction(Double maxMissingFraction) {
        this.maxMissingFraction = maxMissingFraction;
    }

    public List<FeatureRule> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureRule> features) {
        this.features = features;
    }
}
