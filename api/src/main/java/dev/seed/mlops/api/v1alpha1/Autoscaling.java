package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "self.maxReplicas >= self.minReplicas", message = "maxReplicas must be at least minReplicas")
@ValidationRule(value = "has(self.targetCPUUtilization) != has(self.targetRPS)", message = "set exactly one of targetCPUUtilization or targetRPS")
public class Autoscaling {
    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Fewest serving pods. Default: 1.")
    private Integer minReplicas = 1;

    @Required
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Most serving pods.")
    private Integer maxReplicas;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Target average CPU utilisation in percent of the request.")
    private Integer targetCPUUtilization;

    @Min(1)
    @JsonPropertyDescription("Target requests per second per pod (needs a custom metrics adapter serving mlops_inference_requests_per_second).")
    private Integer targetRPS;

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public Integer getTargetCPUUtilization() {
        return targetCPUUtilization;
    }

    public void setTargetCPUUtilization(Integer targetCPUUtilization) {
        this.targetCPUUtilization = targetCPUUtilization;
    }

    public Integer getTargetRPS() {
        return targetRPS;
    }

    public void setTargetRPS(Integer targetRPS) {
        this.targetRPS = targetRPS;
    }
}
