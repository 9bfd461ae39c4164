package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class RetireSpec {
    @Default("1")
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How many retired versions keep a Deployment scaled to zero for a fast manual rollback. Default: 1.")
    private Integer keepPrevious = 1;

    @Default("168h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "deleteAfter" + ApiGroup.DURATION_HINT, messageExpression = "\"deleteAfter" + ApiGroup.DURATION_MESSAGE)
    @JsonPropertyDescription("Delete the kept Deployments of retired versions after this long. Default: 168h.")
    private String deleteAfter = "168h";

    public Integer getKeepPrevious() {
        return keepPrevious;
    }

    public void setKeepPrevious(Integer keepPrevious) {
        this.keepPrevious = keepPrevious;
    }

    public String getDeleteAfter() {
        return deleteAfter;
    }

    public void setDeleteAfter(String deleteAfter) {
        this.deleteAfter = deleteAfter;
    }
}
