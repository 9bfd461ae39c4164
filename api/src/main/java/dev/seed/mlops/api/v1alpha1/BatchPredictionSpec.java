package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.input.uri) || !(self.output.uri + '/').startsWith(self.input.uri + '/')",
        message = "output.uri must not be inside the input",
        messageExpression = "\"output.uri '\" + self.output.uri + \"' is inside the input '\" + self.input.uri + \"': a run would write into what it reads\"")
public class BatchPredictionSpec {
    /**
     * Five cron fields (minute hour day-of-month month day-of-week) of numbers, '*', ranges, lists and steps, or a
     * macro; the operator checks the numbers' ranges and says which one is out (names such as MON are not accepted).
     */
    public static final String CRON_RULE = "self.matches('^(@(yearly|annually|monthly|weekly|daily|hourly)|[0-9*,/-]+( +[0-9*,/-]+){4})$')";

    @Required
    @JsonPropertyDescription("The model version that scores: modelVersion (pinned) or fromInferenceService (its stable version when a run starts).")
    private BatchModelSource model;

    @Required
    @JsonPropertyDescription("What to score: a Dataset snapshot or a CSV file on a PersistentVolumeClaim.")
    private BatchInput input;

    @Required
    @JsonPropertyDescription("Where the predictions go and what each output row holds.")
    private BatchOutput output;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("How many pods of an Indexed Job share the input: shard k of n scores the rows whose 0-based index i has i mod n = k. Between 1 and 100. Default: 1.")
    private Integer shards = 1;

    @Default("2")
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How many times one failed shard is retried alone (the Job's backoffLimitPerIndex) before the run fails. Default: 2.")
    private Integer backoffLimitPerIndex = 2;

    @Min(1)
    @JsonPropertyDescription("Upper bound in seconds for a run; its Job is stopped and the run fails after it. Default: none.")
    private Long activeDeadlineSeconds;

    @JsonPropertyDescription("Compute resources of each shard's container: quantities such as 500m, 1 or 1Gi. Default: requests of 500m CPU and 512Mi memory, a limit of 1Gi memory.")
    private ContainerResources resources;

    @Size(max = 128)
    @ValidationRule(value = CRON_RULE,
            message = "schedule must be five cron fields (minute hour day-of-month month day-of-week: numbers, *, ranges a-b, lists a,b and steps */n) or @hourly, @daily, @weekly, @monthly, @yearly",
            messageExpression = "\"schedule must be five cron fields (minute hour day-of-month month day-of-week: numbers, *, ranges a-b, lists a,b and steps */n) or @hourly, @daily, @weekly, @monthly, @yearly, not '\" + self + \"'\"")
    @JsonPropertyDescription("Cron schedule (UTC) of the runs, like a CronJob's: five fields or a macro such as @daily. A run due while another runs is skipped; after downtime only the latest missed run starts. Default: none (one run per spec generation).")
    private String schedule;

    @Default("3")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("How many succeeded runs keep their Job (the oldest are deleted; their output stays). Default: 3.")
    private Integer successfulRunsHistoryLimit = 3;

    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("How many failed runs keep their Job, for their pods' logs. Default: 1.")
    private Integer failedRunsHistoryLimit = 1;

    public BatchModelSource getModel() {
        return model;
    }

    public void setModel(BatchModelSource model) {
        this.model = model;
    }

    public BatchInput getInput() {
        return input;
    }

    public void setInput(BatchInput input) {
        this.input = input;
    }

    public BatchOutput getOutput() {
        return output;
    }

    public void setOutput(BatchOutput output) {
        this.output = output;
    }

    public Integer getShards() {
        return shards;
    }

    public void setShards(Integer shards) {
        this.shards = shards;
    }

    public Integer getBackoffLimitPerIndex() {
        return backoffLimitPerIndex;
    }

    public void setBackoffLimitPerIndex(Integer backoffLimitPerIndex) {
        this.backoffLimitPerIndex = backoffLimitPerIndex;
    }

    public Long getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public ContainerResources getResources() {
        return resources;
    }

    public void setResources(ContainerResources resources) {
        this.resources = resources;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public Integer getSuccessfulRunsHistoryLimit() {
        return successfulRunsHistoryLimit;
    }

    public void setSuccessfulRunsHistoryLimit(Integer successfulRunsHistoryLimit) {
        this.successfulRunsHistoryLimit = successfulRunsHistoryLimit;
    }

    public Integer getFailedRunsHistoryLimit() {
        return failedRunsHistoryLimit;
    }

    public void setFailedRunsHistoryLimit(Integer failedRunsHistoryLimit) {
        this.failedRunsHistoryLimit = failedRunsHistoryLimit;
    }
}
