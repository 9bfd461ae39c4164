package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!(has(self.count) && has(self.duration))", message = "window sets count or duration, not both")
public class DriftWindow {
    @Min(100)
    @JsonPropertyDescription("The window is the last count rows the serving pods received (one per predicted row; a request may carry several), at least 100. Applied by the serving pods when neither count nor duration is set (a schema default would conflict with duration). Default: 10000.")
    private Long count;

    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "window.duration" + ApiGroup.DURATION_HINT, messageExpression = "\"window.duration" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "window.duration must be longer than 0: an empty window never holds a sample")
    @JsonPropertyDescription("The window is the rows of the last duration, e.g. 1h; longer than 0. Default: unset (the window counts rows).")
    private String duration;

    public Long getCount() {
        return count;
    }

    public void setCount(Long count) {
        this.count = count;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }
}
