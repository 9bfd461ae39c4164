package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@ValidationRule(value = "self.features.all(f, self.features.exists_one(g, g.name == f.name))", message = "feature names must be unique")
@ValidationRule(value = "!self.features.exists(f, f.name == self.label.name)", message = "the label column must not also be listed as a feature",
        messageExpression = "'the label column ' + self.label.name + ' must not also be listed as a feature'")
public class DataSchema {
    @Required
    @JsonPropertyDescription("The column a model learns to predict, and the kind of task it makes.")
    private LabelColumn label;

    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("The feature columns, in the order models receive them.")
    private List<FeatureColumn> features = new ArrayList<>();

    public LabelColumn getLabel() {
        return label;
    }

    public void setLabel(LabelColumn label) {
        this.label = label;
    }

    public List<FeatureColumn> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureColumn> features) {
        this.features = features;
    }
}
