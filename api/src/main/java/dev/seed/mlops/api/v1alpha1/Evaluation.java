package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

public class Evaluation {
    @Size(max = 16)
    @JsonPropertyDescription("Absolute thresholds on test-split metrics, e.g. {metric: auc, minimum: 0.8}. All must pass.")
    private List<MetricGate> gates = new ArrayList<>();

    @JsonPropertyDescription("Champion/challenger: the candidate and the version an InferenceService serves now are scored on the same new test split; the candidate must win by the margin.")
    private MustBeatServing mustBeatServing;

    public List<MetricGate> getGates() {
        return gates;
    }

    public void setGates(List<MetricGate> gates) {
        this.gates = gates;
    }

    public MustBeatServing getMustBeatServing() {
        return mustBeatServing;
    }

    public void setMustBeatServing(MustBeatServing mustBeatServing) {
        this.mustBeatServing = mustBeatServing;
    }
}
