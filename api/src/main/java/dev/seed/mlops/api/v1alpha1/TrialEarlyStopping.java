package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * The median stopping rule for hopeless trials: every trial reports its objective metric on the validation split after
 * afterRounds boosting rounds; once minTrials trials have succeeded, a trial started later stops there (state Stopped)
 * when its value is worse than the median of theirs at the same round.
 */
public class TrialEarlyStopping {
    @Required
    @Min(1)
    @Max(100000)
    @JsonPropertyDescription("The boosting round at which a trial's validation metric is compared with the median of the succeeded trials at that round. From 1 to 100000; no default.")
    private Integer afterRounds;

    @Default("3")
    @Min(1)
    @Max(50)
    @JsonPropertyDescription("How many trials must have succeeded before any trial is stopped, so one lucky trial does not stop all others. From 1 to 50. Default: 3.")
    private Integer minTrials = 3;

    public Integer getAfterRounds() {
        return afterRounds;
    }

    public void setAfterRounds(Integer afterRounds) {
        this.afterRounds = afterRounds;
    }

    public Integer getMinTrials() {
        return minTrials;
    }

    public void setMinTrials(Integer minTrials) {
        this.minTrials = minTrials;
    }
}
