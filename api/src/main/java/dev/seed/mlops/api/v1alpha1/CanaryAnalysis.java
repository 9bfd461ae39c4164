package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class CanaryAnalysis {
    @Default("30s")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "interval" + ApiGroup.DURATION_HINT, messageExpression = "\"interval" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "interval must be longer than 0: a zero interval would measure the canary in a busy loop")
    @JsonPropertyDescription("Time between two measurements of the canary; longer than 0. Default: 30s.")
    private String interval = "30s";

    @Default("100")
    @Min(1)
    @JsonPropertyDescription("Requests the canary must have answered in an interval for the measurement to count; fewer is Inconclusive, never a pass. Default: 100.")
    private Long minRequests = 100L;

    @Default("0.01")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Largest fraction of failed (5xx) canary requests, from 0 to 1. Default: 0.01.")
    private Double maxErrorRate = 0.01;

    @Default("250")
    @Min(1)
    @JsonPropertyDescription("Largest 99th-percentile canary latency in milliseconds. Default: 250.")
    private Long maxP99LatencyMs = 250L;

    @Default("0.25")
    @Min(0)
    @JsonPropertyDescription("Largest drift (PSI) of the canary's live predictions against what it is expected to predict: the prediction distribution recorded when it was trained, on its own (fresh) test split. Default: 0.25.")
    private Double maxPredictionDrift = 0.25;

    @Min(0)
    @JsonPropertyDescription("Largest drift (PSI) of the canary's predictions against the stable version's on the same traffic. A retrained model is expected to predict differently from the one it replaces, so this is measured and shown in every analysis but is a gate only when set (e.g. for scheduled retrains on unchanged data). Default: unset, not a gate.")
    private Double maxPredictionDriftVsStable;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("Smallest fraction of mirrored rows on which the new version decides as the stable one does (same class at the 0.5 threshold, same argmax, or for regression within agreementTolerance), measured at shadow steps. Agreement is always measured and shown; it is a gate only when set, since a model retrained after drift is meant to disagree where the data moved. Default: unset, not a gate.")
    private Double minAgreement;

    @Min(0)
    @JsonPropertyDescription("Largest mean absolute difference between the new version's and the stable version's predictions on the same mirrored rows (per row, the largest difference over its outputs), measured at shadow steps; a gate only when set. Default: unset, not a gate.")
    private Double maxMeanAbsDelta;

    @Default("0.05")
    @Min(0)
    @Max(1)
    @JsonPropertyDescription("For regression models, the relative difference within which two predictions agree. Default: 0.05.")
    private Double agreementTolerance = 0.05;

    @Default("2")
    @Min(0)
    @Max(20)
    @JsonPropertyDescription("Failed measurements tolerated before the canary is rolled back; the next one rolls back. Default: 2.")
    private Integer failureLimit = 2;

    @JsonPropertyDescription("Champion/challenger on live labels: while the canary runs, a quality Job scores the canary and the stable version over the same window (since the canary started) on the service's prediction log joined with its labels (needs spec.predictionLog). A canary worse than stable by more than maxDegradation is a failed measurement; too few labels is Inconclusive, and the canary is promoted only after a quality pass measured at the last step. Default: unset, quality is not compared.")
    private CanaryQualityGate quality;

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public Long getMinRequests() {
        return minRequests;
    }

    public void setMinRequests(Long minRequests) {
        this.minRequests = minRequests;
    }

    public Double getMaxErrorRate() {
        return maxErrorRate;
    }

    public void setMaxErrorRate(Double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public Long getMaxP99LatencyMs() {
        return maxP99LatencyMs;
    }

    public void setMaxP99LatencyMs(Long maxP99LatencyMs) {
        this.maxP99LatencyMs = maxP99LatencyMs;
    }

    public Double getMaxPredictionDrift() {
        return maxPredictionDrift;
    }

    public void setMaxPredictionDrift(Double maxPredictionDrift) {
        this.maxPredictionDrift = maxPredictionDrift;
    }

    public Double getMaxPredictionDriftVsStable() {
        return maxPredictionDriftVsStable;
    }

    public void setMaxPredictionDriftVsStable(Double maxPredictionDriftVsStable) {
        this.maxPredictionDriftVsStable = maxPredictionDriftVsStable;
    }

    public Double getMinAgreement() {
        return minAgreement;
    }

    public void setMinAgreement(Double minAgreement) {
        this.minAgreement = minAgreement;
    }

    public Double getMaxMeanAbsDelta() {
        return maxMeanAbsDelta;
    }

    public void setMaxMeanAbsDelta(Double maxMeanAbsDelta) {
        this.maxMeanAbsDelta = maxMeanAbsDelta;
    }

    public Double getAgreementTolerance() {
        return agreementTolerance;
    }

    public void setAgreementTolerance(Double agreementTolerance) {
        this.agreementTolerance = agreementTolerance;
    }

    public Integer getFailureLimit() {
        return failureLimit;
    }

    public void setFailureLimit(Integer failureLimit) {
        this.failureLimit = failureLimit;
    }

    public CanaryQualityGate getQuality() {
        return quality;
    }

    public void setQuality(CanaryQualityGate quality) {
        this.quality = quality;
    }
}
