package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Successive halving on XGBoost's boosting rounds: many configurations train a few rounds, the best 1/reductionFactor
 * of them train reductionFactor times as many, and so on up to spec.hyperparameters.num_round rounds.
 */
public class SuccessiveHalving {
    @Default("10")
    @Min(1)
    @Max(100000)
    @JsonPropertyDescription("Boosting rounds of the first rung, where every configuration trains; each later rung trains reductionFactor times as many, up to spec.hyperparameters.num_round. From 1 to 100000. Default: 10.")
    private Integer minRounds = 10;

    @Default("3")
    @Min(2)
    @Max(10)
    @JsonPropertyDescription("How many times fewer configurations each rung keeps (the best 1/reductionFactor of the rung before, by the objective), and how many times more rounds they train. From 2 to 10. Default: 3.")
    private Integer reductionFactor = 3;

    public Integer getMinRounds() {
        return minRounds;
    }

    public void setMinRounds(Integer minRounds) {
        this.minRounds = minRounds;
    }

    public Integer getReductionFactor() {
        return reductionFactor;
    }

    public void setReductionFactor(Integer reductionFactor) {
        this.reductionFactor = reductionFactor;
    }
}
