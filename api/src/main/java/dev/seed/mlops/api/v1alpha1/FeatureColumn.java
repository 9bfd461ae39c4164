package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class FeatureColumn {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Name of the feature column in the source (and in inference requests).")
    private String name;

    @Required
    @JsonPropertyDescription("numeric (a number) or categorical (a string from a finite set, encoded by the trainer).")
    private FeatureType type;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public FeatureType getType() {
        return type;
    }

    public void setType(FeatureType type) {
        this.type = type;
    }
}
