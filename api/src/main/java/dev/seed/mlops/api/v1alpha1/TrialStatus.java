package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** One trial of a search: what it tried, and what came of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrialStatus {
    @JsonPropertyDescription("The trial's number, from 0 in the order trials were started.")
    private Integer index;

    @JsonPropertyDescription("Running, Succeeded, Stopped (by search.earlyStopping: hopeless) or Failed.")
    private String state;

    @JsonPropertyDescription("The searched hyperparameters' values in this trial, as the trainer received them.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @JsonPropertyDescription("The objective metric the trial reached on the validation split (its cross-validation mean with crossValidation).")
    private Double objective;

    @JsonPropertyDescription("The objective metric on the validation split after search.earlyStopping.afterRounds rounds, which the median stopping rule compares.")
    private Double checkpoint;

    @JsonPropertyDescription("The trial's Job.")
    private String jobName;

    @JsonPropertyDescription("Why the trial failed.")
    private String message;

    public Integer getIndex() {
        return index;
    }

    public void setIndex(Integer index) {
        this.index = index;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public Double getObjective() {
        return objective;
    }

    public void setObjective(Double objective) {
        this.objective = objective;
    }

    public Double getCheckpoint() {
        return checkpoint;
    }

    public void setCheckpoint(Double checkpoint) {
        this.checkpoint = checkpoint;
    }

    public String getJobName() {
        return jobName;
    }

    public void setJobName(String jobName) {
        this.jobName = jobName;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
