package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hyperparameter search: trials train with values drawn from the space (each a Job with the TrainingJob's resources,
 * at most parallelism at once), are judged on the validation split, and the best trial's configuration is trained as
 * the run's model and gated on the test split exactly as a single run.
 */
@ValidationRule(value = "self.parallelism <= self.maxTrials", message = "parallelism must not exceed maxTrials")
@ValidationRule(value = "self.algorithm != 'grid' || self.space.all(k, has(self.space[k].values) || (has(self.space[k].type) && self.space[k].type == 'integer'))",
        message = "grid search enumerates values and integer ranges: give a real range (such as eta) as values, or search it with algorithm random")
@ValidationRule(value = "self.algorithm != 'successiveHalving' || !has(self.earlyStopping)",
        message = "earlyStopping (the median stopping rule) is for random and grid: successiveHalving stops configurations by its own rungs")
@ValidationRule(value = "!has(self.successiveHalving) || self.algorithm == 'successiveHalving'",
        message = "successiveHalving settings are only for algorithm successiveHalving")
public class Search {
    /** The most trials a search may run; each has a line in status. */
    public static final int MAX_TRIALS = 50;

    @Default("random")
    @JsonPropertyDescription("How trials are chosen: random (independent seeded draws from the space), grid (every combination of the values in order, up to maxTrials) or successiveHalving (seeded draws train successiveHalving.minRounds rounds; the best 1/reductionFactor of each rung train reductionFactor times as many rounds, up to spec.hyperparameters.num_round; each configuration at each rung is a trial, maxTrials in all). Default: random.")
    private SearchAlgorithm algorithm = SearchAlgorithm.random;

    @Required
    @Size(min = 1, max = 16)
    @ValidationRule(value = "self.all(k, k.matches('^[a-z][a-z0-9_]*$'))", message = "searched hyperparameter names must be lower_snake_case, e.g. max_depth")
    @JsonPropertyDescription("The values each searched hyperparameter may take, by name (e.g. max_depth: {min: 2, max: 8, type: integer}, eta: {min: 0.01, max: 0.3, scale: log}, grow_policy: {values: [depthwise, lossguide]}). Other hyperparameters keep the values of spec.hyperparameters. At least one. No default.")
    private Map<String, ParameterSpace> space = new LinkedHashMap<>();

    @Required
    @Min(1)
    @Max(MAX_TRIALS)
    @JsonPropertyDescription("The most trials to run (a grid with fewer combinations runs fewer). From 1 to " + MAX_TRIALS + ". No default.")
    private Integer maxTrials;

    @Default("1")
    @Min(1)
    @Max(10)
    @JsonPropertyDescription("How many trials run at once, each a Job with the TrainingJob's resources; at most maxTrials. From 1 to 10. Default: 1.")
    private Integer parallelism = 1;

    @Required
    @JsonPropertyDescription("The metric trials are judged by on the validation split, and whether to maximize or minimize it.")
    private SearchObjective objective;

    @JsonPropertyDescription("Stops hopeless trials early by the median stopping rule: a trial whose validation metric after afterRounds rounds is worse than the median of the succeeded trials at that round stops there. Default: none (every trial trains to the end or to its own early_stopping_rounds).")
    private TrialEarlyStopping earlyStopping;

    @JsonPropertyDescription("The rungs of algorithm successiveHalving: minRounds and reductionFactor. Default: minRounds 10, reductionFactor 3.")
    private SuccessiveHalving successiveHalving;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Seed of the random draws: the same spec and seed try the same trials. Default: 0.")
    private Long seed = 0L;

    public SearchAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(SearchAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public Map<String, ParameterSpace> getSpace() {
        return space;
    }

    public void setSpace(Map<String, ParameterSpace> space) {
        this.space = space;
    }

    public Integer getMaxTrials() {
        return maxTrials;
    }

    public void setMaxTrials(Integer maxTrials) {
        this.maxTrials = maxTrials;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public SearchObjective getObjective() {
        return objective;
    }

    public void setObjective(SearchObjective objective) {
        this.objective = objective;
    }

    public TrialEarlyStopping getEarlyStopping() {
        return earlyStopping;
    }

    public void setEarlyStopping(TrialEarlyStopping earlyStopping) {
        this.earlyStopping = earlyStopping;
    }

    public SuccessiveHalving getSuccessiveHalving() {
        return successiveHalving;
    }

    public void setSuccessiveHalving(SuccessiveHalving successiveHalving) {
        this.successiveHalving = successiveHalving;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }
}
