package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

@ValidationRule(value = "self == oldSelf", message = "ModelVersion spec is immutable: create a new version instead of changing this one")
@ValidationRule(value = "!has(self.baseline) || !has(self.source) || !has(self.source.trainingJob)",
        message = "baseline is for a version registered by hand: a version a TrainingJob made (source.trainingJob) has its training profile as baseline")
public class ModelVersionSpec {
    @Required
    @Size(min = 1, max = 40)
    @ValidationRule(value = ApiGroup.DNS_LABEL_RULE, message = "model" + ApiGroup.DNS_LABEL_MESSAGE,
            messageExpression = "\"model" + ApiGroup.DNS_LABEL_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Name of the model this version belongs to.")
    private String model;

    @Required
    @Min(1)
    @JsonPropertyDescription("Version number, increasing per model (1, 2, 3, ...).")
    private Long version;

    @Required
    @JsonPropertyDescription("Where the model artifact is and how to check it.")
    private ModelArtifactRef artifact;

    @Required
    @JsonPropertyDescription("The input features in the order the model takes them, the label and the task.")
    private ModelSchema schema;

    @JsonPropertyDescription("Test-split metrics recorded at registration (auc, accuracy, rmse, ...).")
    private Map<String, Double> metrics = new LinkedHashMap<>();

    @JsonPropertyDescription("Lineage: the TrainingJob, Dataset and snapshot that produced this version. Empty for a model brought by hand.")
    private ModelSource source;

    @JsonPropertyDescription("For a version registered by hand: the Dataset its drift baseline is computed from. Unset: a trained version's baseline is its training profile; a hand-registered one's only a profile.json its artifact brings, and its status says drift cannot be watched otherwise.")
    private ModelBaseline baseline;

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public ModelArtifactRef getArtifact() {
        return artifact;
    }

    public void setArtifact(ModelArtifactRef artifact) {
        this.artifact = artifact;
    }

    public ModelSchema getSchema() {
        return schema;
    }

    public void setSchema(ModelSchema schema) {
        this.schema = schema;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = metrics;
    }

    public ModelBaseline getBaseline() {
        return baseline;
    }

    public void setBaseline(ModelBaseline baseline) {
        this.baseline = baseline;
    }

    public ModelSource getSource() {
        return source;
    }

    public void setSource(ModelSource source) {
        this.source = source;
    }
}
