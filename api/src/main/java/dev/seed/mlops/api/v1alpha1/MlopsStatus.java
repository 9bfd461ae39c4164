package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What every status of the group carries: the generation it describes and the standard conditions. */
public abstract class MlopsStatus {
    @JsonPropertyDescription("The metadata.generation that this status describes. When it lags behind, the operator has not yet seen the latest spec.")
    private Long observedGeneration;

    @Size(max = 16)
    @JsonPropertyDescription("Standard conditions. Every kind has Ready; long-running kinds add Progressing and Degraded.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
