package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

public class LabelColumn {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Name of the label column in the source.")
    private String name;

    @Required
    @JsonPropertyDescription("The task: binary (two classes, 0/1), multiclass (integer classes 0..n-1) or regression (a number).")
    private TaskType type;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TaskType getType() {
        return type;
    }

    public void setType(TaskType type) {
        this.type = type;
    }
}
