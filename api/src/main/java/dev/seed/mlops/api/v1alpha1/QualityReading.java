package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One version's realised quality at one evaluation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QualityReading {
    @JsonPropertyDescription("When the evaluation ran: the end of its window (RFC 3339).")
    private String time;

    @JsonPropertyDescription("The model version evaluated.")
    private Long version;

    @JsonPropertyDescription("The metric's value on the labelled predictions; absent when none could be computed.")
    private Double value;

    @JsonPropertyDescription("Predictions in the window a label joined.")
    private Long labelled;

    @JsonPropertyDescription("Predictions in the window no label joined yet.")
    private Long unlabelled;

    @JsonPropertyDescription("Labels beyond the first for an id (the first wins; the others are counted, not used).")
    private Long duplicates;

    @JsonPropertyDescription("Median seconds from a prediction to its label's arrival.")
    private Double labelDelayP50Seconds;

    @JsonPropertyDescription("Longest seconds from a prediction to its label's arrival.")
    private Double labelDelayMaxSeconds;

    @JsonPropertyDescription("Met, Breached, or TooFewLabels (fewer than minLabels: no verdict, not a breach); empty for versions not serving as stable.")
    private String verdict;

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public Double getValue() {
        return value;
    }

    public void setValue(Double value) {
        this.value = value;
    }

    public Long getLabelled() {
        return labelled;
    }

    public void setLabelled(Long labelled) {
        this.labelled = labelled;
    }

    public Long getUnlabelled() {
        return unlabelled;
    }

    public void setUnlabelled(Long unlabelled) {
        this.unlabelled = unlabelled;
    }

    public Long getDuplicates() {
        return duplicates;
    }

    public void setDuplicates(Long duplicates) {
        this.duplicates = duplicates;
    }

    public Double getLabelDelayP50Seconds() {
        return labelDelayP50Seconds;
    }

    public void setLabelDelayP50Seconds(Double labelDelayP50Seconds) {
        this.labelDelayP50Seconds = labelDelayP50Seconds;
    }

    public Double getLabelDelayMaxSeconds() {
        return labelDelayMaxSeconds;
    }

    public void setLabelDelayMaxSeconds(Double labelDelayMaxSeconds) {
        this.labelDelayMaxSeconds = labelDelayMaxSeconds;
    }

    public String getVerdict() {
        return verdict;
    }

    public void setVerdict(String verdict) {
        this.verdict = verdict;
    }
}
