package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "has(self.weight) != has(self.shadow)", message = "a canary step sets exactly one of weight (the share of requests the new version answers) or shadow (the share of requests mirrored to it while clients get the stable answers)")
public class CanaryStep {
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Percent of requests the new version answers at this step, 1 to 100, exact at any replica count: the stable pods forward that share to it. Set this or shadow. Default: unset.")
    private Integer weight;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Percent of requests mirrored to the new version at this step, 1 to 100, while every client gets the stable version's answer; the stable pods compare both answers (status.canary.analysis: agreement, meanAbsDelta). Set this or weight; shadow steps come first. Default: unset.")
    private Integer shadow;

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

    public Integer getShadow() {
        return shadow;
    }

    public void setShadow(Integer shadow) {
        this.shadow = shadow;
    }

    public String getPause() {
        return pause;
    }

    public void setPause(String pause) {
        this.pause = pause;
    }
}
