package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class RetrainSpec {
    @Required
    @JsonPropertyDescription("Spec of the TrainingJob created on a sustained breach; its Dataset is re-prepared first so the retrain sees fresh data.")
    private TrainingJobSpec template;

    @Default("6h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "cooldown" + ApiGroup.DURATION_HINT, messageExpression = "\"cooldown" + ApiGroup.DURATION_MESSAGE)
    @JsonPropertyDescription("Least time between two retrains. Default: 6h.")
    private String cooldown = "6h";

    @Default("2")
    @Min(1)
    @Max(24)
    @JsonPropertyDescription("Most retrains in any 24 hours. Default: 2.")
    private Integer maxPerDay = 2;

    @Default("6h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "deadline" + ApiGroup.DURATION_HINT, messageExpression = "\"deadline" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "deadline must be longer than 0: a zero deadline would fail every retrain as it starts")
    @JsonPropertyDescription("Longest a retrain may take from its trigger to the promotion of its version; past it the retrain is Failed (a Warning event says where it was stuck) and the policy may trigger again after cooldown. Longer than 0. Default: 6h.")
    private String deadline = "6h";

    @Size(max = 128)
    @ValidationRule(value = BatchPredictionSpec.CRON_RULE,
            message = "schedule must be five cron fields (minute hour day-of-month month day-of-week: numbers, *, ranges a-b, lists a,b and steps */n) or @hourly, @daily, @weekly, @monthly, @yearly",
            messageExpression = "\"schedule must be five cron fields (minute hour day-of-month month day-of-week: numbers, *, ranges a-b, lists a,b and steps */n) or @hourly, @daily, @weekly, @monthly, @yearly, not '\" + self + \"'\"")
    @JsonPropertyDescription("Cron schedule (UTC) of periodic retrains on fresh data, with no drift or quality breach needed: five fields or a macro such as @weekly. The new version must beat the serving one on the same new test split (retrain.template.evaluation.mustBeatServing, or one the policy adds on performance.metric), or it is not rolled out. A retrain due while another is in flight is skipped; cooldown and maxPerDay limit breach-triggered retrains only. Default: none.")
    private String schedule;

    public TrainingJobSpec getTemplate() {
        return template;
    }

    public void setTemplate(TrainingJobSpec template) {
        this.template = template;
    }

    public String getCooldown() {
        return cooldown;
    }

    public void setCooldown(String cooldown) {
        this.cooldown = cooldown;
    }

    public Integer getMaxPerDay() {
        return maxPerDay;
    }

    public void setMaxPerDay(Integer maxPerDay) {
        this.maxPerDay = maxPerDay;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getDeadline() {
        return deadline;
    }

    public void setDeadline(String deadline) {
        this.deadline = deadline;
    }
}
