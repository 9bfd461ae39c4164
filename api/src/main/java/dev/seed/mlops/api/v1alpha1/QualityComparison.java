package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The canary's and the stable version's realised quality over one window, as one canary measurement reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QualityComparison {
    @JsonPropertyDescription("The metric compared (analysis.quality.metric).")
    private Metric metric;

    @JsonPropertyDescription("The stable version's value on its labelled predictions in the window; absent when none could be computed.")
    private Double stable;

    @JsonPropertyDescription("The canary's value on its labelled predictions in the window; absent when none could be computed.")
    private Double canary;

    @JsonPropertyDescription("The stable version's predictions in the window a label joined.")
    private Long stableLabelled;

    @JsonPropertyDescription("The canary's predictions in the window a label joined.")
    private Long canaryLabelled;

    @JsonPropertyDescription("The canary's relative loss against stable (negative when it is better); compared with analysis.quality.maxDegradation.")
    private Double degradation;

    public Metric getMetric() {
        return metric;
    }

    public void setMetric(Metric metric) {
        this.metric = metric;
    }

    public Double getStable() {
        return stable;
    }

    public void setStable(Double stable) {
        this.stable = stable;
    }

    public Double getCanary() {
        return canary;
    }

    public void setCanary(Double canary) {
        this.canary = canary;
    }

    public Long getStableLabelled() {
        return stableLabelled;
    }

    public void setStableLabelled(Long stableLabelled) {
        this.stableLabelled = stableLabelled;
    }

    public Long getCanaryLabelled() {
        return canaryLabelled;
    }

    public void setCanaryLabelled(Long canaryLabelled) {
        this.canaryLabelled = canaryLabelled;
    }

    public Double getDegradation() {
        return degradation;
    }

    public void setDegradation(Double degradation) {
        this.degradation = degradation;
    }
}
