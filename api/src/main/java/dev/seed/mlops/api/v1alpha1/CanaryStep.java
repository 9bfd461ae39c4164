package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class CanaryStep {
    @Required
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Percent of serving pods (and so of traffic) running the new version at this step, 1 to 100.")
    private Integer weight;

    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "pause" + ApiGroup.DURATION_HINT, messageExpression = "\"pause" + ApiGroup.DURATION_MESSAGE)
    @JsonPropertyDescription("How long to hold this step while analysis runs before moving on; omit to move on after one passing analysis.")
    private String pause;

    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    public String getPause() {
        return pause;
    }

    public void setPause(String pause) {
        this.pause = pause;
    }
}
