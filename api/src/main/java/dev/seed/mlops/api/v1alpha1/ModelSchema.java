package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@ValidationRule(value = "self.features.all(f, self.features.exists_one(g, g.name == f.name))", message = "feature names must be unique")
@ValidationRule(value = "!has(self.label) || !self.features.exists(f, f.name == self.label)", message = "the label must not also be listed as a feature",
        messageExpression = "'the label ' + self.label + ' must not also be listed as a feature'")
public class ModelSchema {
    @Required
    @JsonPropertyDescription("The task the model performs: binary, multiclass or regression.")
    private TaskType task;

    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Name of the label the model predicts; not one of the features.")
    private String label;

    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Input features in the order the model takes them.")
    private List<FeatureColumn> features = new ArrayList<>();

    public TaskType getTask() {
        return task;
    }

    public void setTask(TaskType task) {
        this.task = task;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public List<FeatureColumn> getFeatures() {
        return features;
    }

    public void setFeatures(List<FeatureColumn> features) {
        this.features = features;
    }
}
