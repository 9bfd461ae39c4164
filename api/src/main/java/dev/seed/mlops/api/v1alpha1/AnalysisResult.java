package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One canary measurement over one analysis interval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisResult {
    @JsonPropertyDescription("Index of the canary step this measurement belongs to; only a pass measured at a step counts for that step.")
    private Integer step;

    @JsonPropertyDescription("Start of the measured interval (RFC 3339): a scrape taken after the step started, with the step's pods ready.")
    private String from;

    @JsonPropertyDescription("End of the measured interval, when it was measured (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Pass, Fail or Inconclusive (too few requests or labels, or pods changed during the interval: never a pass).")
    private String outcome;

    @JsonPropertyDescription("Canary requests in the interval.")
    private Long requests;

    @JsonPropertyDescription("Fraction of failed (5xx) canary requests in the interval.")
    private Double errorRate;

    @JsonPropertyDescription("99th-percentile canary latency in milliseconds over the interval (from the histogram's bucket increases).")
    private Double p99LatencyMs;

    @JsonPropertyDescription("PSI of the canary's live predictions against the distribution it predicted on its test split when it was trained.")
    private Double predictionDrift;

    @JsonPropertyDescription("PSI of the canary's predictions against the stable version's on the same traffic; a gate only with analysis.maxPredictionDriftVsStable.")
    private Double predictionDriftVsStable;

    @JsonPropertyDescription("Percent of requests the canary answered in the interval, counted by the stable pods (forwarded and answered by the canary, over all requests they received).")
    private Double servedWeight;

    @JsonPropertyDescription("Requests meant for the canary that the stable pods answered themselves because the canary could not be reached, timed out or failed.")
    private Long fallbacks;

    @JsonPropertyDescription("At a shadow step: mirrored requests whose two answers were compared.")
    private Long shadowRequests;

    @JsonPropertyDescription("At a shadow step: fraction of compared rows on which the canary decides as the stable version does.")
    private Double agreement;

    @JsonPropertyDescription("At a shadow step: mean over compared rows of the largest absolute difference between the two predictions.")
    private Double meanAbsDelta;

    @JsonPropertyDescription("At a shadow step: mirrors dropped because too many were in flight (never delaying a client).")
    private Long shadowDropped;

    @JsonPropertyDescription("A quality comparison (analysis.quality): both versions' realised quality over the window from..time; such a measurement carries no traffic figures.")
    private QualityComparison quality;

    @JsonPropertyDescription("Why it failed or had no verdict.")
    private String message;

    public Integer getStep() {
        return step;
    }

    public void setStep(Integer step) {
        this.step = step;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public Long getRequests() {
        return requests;
    }

    public void setRequests(Long requests) {
        this.requests = requests;
    }

    public Double getErrorRate() {
        return errorRate;
    }

    public void setErrorRate(Double errorRate) {
        this.errorRate = errorRate;
    }

    public Double getP99LatencyMs() {
        return p99LatencyMs;
    }

    public void setP99LatencyMs(Double p99LatencyMs) {
        this.p99LatencyMs = p99LatencyMs;
    }

    public Double getPredictionDrift() {
        return predictionDrift;
    }

    public void setPredictionDrift(Double predictionDrift) {
        this.predictionDrift = predictionDrift;
    }

    public Double getPredictionDriftVsStable() {
        return predictionDriftVsStable;
    }

    public void setPredictionDriftVsStable(Double predictionDriftVsStable) {
        this.predictionDriftVsStable = predictionDriftVsStable;
    }

    public Double getServedWeight() {
        return servedWeight;
    }

    public void setServedWeight(Double servedWeight) {
        this.servedWeight = servedWeight;
    }

    public Long getFallbacks() {
        return fallbacks;
    }

    public void setFallbacks(Long fallbacks) {
        this.fallbacks = fallbacks;
    }

    public Long getShadowRequests() {
        return shadowRequests;
    }

    public void setShadowRequests(Long shadowRequests) {
        this.shadowRequests = shadowRequests;
    }

    public Double getAgreement() {
        return agreement;
    }

    public void setAgreement(Double agreement) {
        this.agreement = agreement;
    }

    public Double getMeanAbsDelta() {
        return meanAbsDelta;
    }

    public void setMeanAbsDelta(Double meanAbsDelta) {
        this.meanAbsDelta = meanAbsDelta;
    }

    public Long getShadowDropped() {
        return shadowDropped;
    }

    public void setShadowDropped(Long shadowDropped) {
        this.shadowDropped = shadowDropped;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public QualityComparison getQuality() {
        return quality;
    }

    public void setQuality(QualityComparison quality) {
        this.quality = quality;
    }
}
