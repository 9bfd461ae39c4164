package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

public class CanaryStrategy {
    @Default("[{\"weight\":10,\"pause\":\"1m\"},{\"weight\":50,\"pause\":\"1m\"},{\"weight\":100}]")
    @Size(min = 1, max = 10)
    @ValidationRule(value = "self.filter(s, has(s.weight)).all(s, self.exists_one(t, has(t.weight) && t.weight == s.weight)) && self.filter(s, has(s.weight)).map(s, s.weight).isSorted()", message = "canary step weights must strictly increase")
    @ValidationRule(value = "size(self) == 0 || (has(self[size(self) - 1].weight) && self[size(self) - 1].weight == 100)", message = "the last canary step must have weight 100")
    @ValidationRule(value = "self.map(s, has(s.weight) ? 1 : 0).isSorted()", message = "shadow steps must come before the first weight step: once clients are served by the new version, mirroring to it shows nothing new")
    @JsonPropertyDescription("Steps, in order: optional shadow steps (requests mirrored to the new version, clients served by the stable one), then weight steps (the new version answers exactly that share of requests; status.canary.servedWeight is the share measured). Weights strictly increase and the last is 100. Default: [{weight: 10, pause: 1m}, {weight: 50, pause: 1m}, {weight: 100}].")
    private List<CanaryStep> steps = new ArrayList<>();

    @Default("10m")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "progressDeadline" + ApiGroup.DURATION_HINT, messageExpression = "\"progressDeadline" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "progressDeadline must be longer than 0: a zero deadline would roll back every canary before its pods start")
    @JsonPropertyDescription("How long the canary's pods of a step may take to become ready (longer than 0); past it the canary is rolled back (a crash loop, an artifact that does not load). Default: 10m.")
    private String progressDeadline = "10m";

    @Default("{}")
    @JsonPropertyDescription("What is measured at every step and when it fails. Default: {} (every field at its own default).")
    private CanaryAnalysis analysis = new CanaryAnalysis();

    public List<CanaryStep> getSteps() {
        return steps;
    }

    public void setSteps(List<CanaryStep> steps) {
        this.steps = steps;
    }

    public String getProgressDeadline() {
        return progressDeadline;
    }

    public void setProgressDeadline(String progressDeadline) {
        this.progressDeadline = progressDeadline;
    }

    public CanaryAnalysis getAnalysis() {
        return analysis;
    }

    public void setAnalysis(CanaryAnalysis analysis) {
        this.analysis = analysis;
    }
}
