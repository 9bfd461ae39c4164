package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the drift baseline of a model brought by hand comes from: a Dataset of the namespace, profiled by a Job. */
public class ModelBaseline {
    @Required
    @Size(min = 1, max = Dataset.MAX_NAME_LENGTH)
    @ValidationRule(value = "self.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
            message = "baseline.dataset must be the name of a Dataset: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)",
            messageExpression = "\"baseline.dataset must be the name of a Dataset: a DNS-1035 label (lowercase letters, digits and '-', starting with a letter)" + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("The Dataset, in this namespace, whose latest Ready snapshot a Job profiles into this version's drift baseline (the model's features, as prepare profiled them; status.baseline records where). Used only for a version registered by hand; required in baseline.")
    private String dataset;

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }
}
