package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What the serving pods append to the artifact store: predictions and the labels clients send back (docs/prediction-log.md). */
public class PredictionLogSpec {
    /** Open files rotate after 10 minutes; a retention above that never expires a file still being written. */
    static final String RETENTION_AT_LEAST_AN_HOUR = "!(" + ApiGroup.DURATION_RULE + ") || duration(self) >= duration('1h')";

    @Default("100")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Percent of requests whose predictions are logged, 1 to 100, drawn per request (every row of a logged request is logged). Labels are always logged. Default: 100.")
    private Integer samplePercent = 100;

    @Default("168h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "retention" + ApiGroup.DURATION_HINT, messageExpression = "\"retention" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = RETENTION_AT_LEAST_AN_HOUR, message = "retention must be at least 1h: log files are written for up to 10 minutes before they are complete", messageExpression = "\"retention must be at least 1h: log files are written for up to 10 minutes before they are complete, not '\" + self + \"'\"")
    @JsonPropertyDescription("Log files of this service older than this are deleted by its serving pods; at least 1h. Default: 168h.")
    private String retention = "168h";

    public Integer getSamplePercent() {
        return samplePercent;
    }

    public void setSamplePercent(Integer samplePercent) {
        this.samplePercent = samplePercent;
    }

    public String getRetention() {
        return retention;
    }

    public void setRetention(String retention) {
        this.retention = retention;
    }
}
