package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A reference by name to an object in the same namespace. */
public class LocalObjectRef {
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = ApiGroup.OBJECT_NAME_RULE, message = "name" + ApiGroup.OBJECT_NAME_MESSAGE,
            messageExpression = "\"name" + ApiGroup.OBJECT_NAME_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Name of the object, in the same namespace.")
    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
