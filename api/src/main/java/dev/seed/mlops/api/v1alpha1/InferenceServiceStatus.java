package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceServiceStatus extends MlopsStatus {
    @JsonPropertyDescription("Pending, Ready, Progressing (a canary runs) or Degraded; for humans. Conditions are the contract.")
    private String phase;

    @JsonPropertyDescription("In-cluster URL of the traffic Service.")
    private String url;

    @JsonPropertyDescription("The version that serves traffic now.")
    private ServingVersion stable;

    @JsonPropertyDescription("The version being rolled out, when a canary is in progress.")
    private CanaryStatus canary;

    @Size(max = 20)
    @JsonPropertyDescription("Past replacements, newest first (at most 20).")
    private List<RolloutRecord> history = new ArrayList<>();

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public ServingVersion getStable() {
        return stable;
    }

    public void setStable(ServingVersion stable) {
        this.stable = stable;
    }

    public CanaryStatus getCanary() {
        return canary;
    }

    public void setCanary(CanaryStatus canary) {
        this.canary = canary;
    }

    public List<RolloutRecord> getHistory() {
        return history;
    }

    public void setHistory(List<RolloutRecord> history) {
        this.history = history;
    }
}
