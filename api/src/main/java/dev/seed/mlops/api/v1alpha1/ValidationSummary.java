package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationSummary {
    @JsonPropertyDescription("Whether the last prepared source passed every rule.")
    private Boolean passed;

    @JsonPropertyDescription("Rows checked.")
    private Long rowsChecked;

    @Size(max = 20)
    @JsonPropertyDescription("The first violations found, each naming the row, column and rule (at most 20).")
    private List<String> violations = new ArrayList<>();

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }

    public Long getRowsChecked() {
        return rowsChecked;
    }

    public void setRowsChecked(Long rowsChecked) {
        this.rowsChecked = rowsChecked;
    }

    public List<String> getViolations() {
        return violations;
    }

    public void setViolations(List<String> violations) {
        this.violations = violations;
    }
}
