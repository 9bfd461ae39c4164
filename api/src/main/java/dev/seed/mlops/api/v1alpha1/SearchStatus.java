package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Progress of a search: every trial (at most maxTrials, so bounded), best first, and the best so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SearchStatus {
    @JsonPropertyDescription("How many trials the search runs in all: maxTrials, or the grid's size when it is smaller.")
    private Integer totalTrials;

    @JsonPropertyDescription("Trials started so far.")
    private Integer startedTrials;

    @JsonPropertyDescription("Trials that failed; a failed trial does not fail the search.")
    private Integer failedTrials;

    @JsonPropertyDescription("The best trial's number so far.")
    private Integer bestTrial;

    @JsonPropertyDescription("The best trial's objective so far (the BEST column).")
    private Double bestObjective;

    @JsonPropertyDescription("Every trial, succeeded ones best first, then running, stopped and failed ones.")
    private List<TrialStatus> trials = new ArrayList<>();

    public Integer getTotalTrials() {
        return totalTrials;
    }

    public void setTotalTrials(Integer totalTrials) {
        this.totalTrials = totalTrials;
    }

    public Integer getStartedTrials() {
        return startedTrials;
    }

    public void setStartedTrials(Integer startedTrials) {
        this.startedTrials = startedTrials;
    }

    public Integer getFailedTrials() {
        return failedTrials;
    }

    public void setFailedTrials(Integer failedTrials) {
        this.failedTrials = failedTrials;
    }

    public Integer getBestTrial() {
        return bestTrial;
    }

    public void setBestTrial(Integer bestTrial) {
        this.bestTrial = bestTrial;
    }

    public Double getBestObjective() {
        return bestObjective;
    }

    public void setBestObjective(Double bestObjective) {
        this.bestObjective = bestObjective;
    }

    public List<TrialStatus> getTrials() {
        return trials;
    }

    public void setTrials(List<TrialStatus> trials) {
        this.trials = trials;
    }
}
