package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisResult {
    @JsonPropertyDescription("When it was measured (RFC 3339).")
    private String time;

    @JsonPropertyDescription("Pass, Fail or Inconclusive (too few requests: never a pass).")
    private String outcome;

    @JsonPropertyDescription("Canary requests in the interval.")
    private Long requests;

    @JsonPropertyDescription("Fraction of failed canary requests.")
    private Double errorRate;

    @JsonPropertyDescription("99th-percentile canary latency in milliseconds.")
    private Double p99LatencyMs;

    @JsonPropertyDescription("PSI of the canary's predictions against the stable version's.")
    private Double predictionDrift;

    @JsonPropertyDescription("Which measurement failed and by how much, for a Fail.")
    private String message;

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

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
