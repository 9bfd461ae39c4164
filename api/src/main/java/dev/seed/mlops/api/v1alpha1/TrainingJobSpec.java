package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ValidationRule(value = "self.algorithm != 'custom' || has(self.image)", message = "algorithm custom needs an image that follows the model-artifact contract")
@ValidationRule(value = "self.algorithm == 'custom' || (!has(self.image) && !has(self.command))", message = "image and command are only for algorithm custom")
public class TrainingJobSpec {
    @Required
    @JsonPropertyDescription("The Dataset to train on.")
    private DatasetRef datasetRef;

    @Required
    @Size(min = 1, max = 40)
    @Pattern(ApiGroup.DNS_LABEL)
    @JsonPropertyDescription("Name of the model this run trains (e.g. credit-risk); the ModelVersion it registers belongs to it. A DNS label of at most 40 characters.")
    private String model;

    @Default("xgboost")
    @JsonPropertyDescription("Training algorithm: xgboost (built in), mlp (reserved) or custom (your image, which must follow the model-artifact contract).")
    private Algorithm algorithm = Algorithm.xgboost;

    @Size(max = 64)
    @ValidationRule(value = "self.all(k, k.matches('^[a-z][a-z0-9_]*$'))", message = "hyperparameter names must be lower_snake_case, e.g. max_depth")
    @JsonPropertyDescription("Hyperparameters passed to the trainer as strings, e.g. {num_round: \"200\", max_depth: \"6\", eta: \"0.1\"}. Quote numbers.")
    private Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Size(max = 512)
    @JsonPropertyDescription("Container image of a custom trainer (algorithm custom only).")
    private String image;

    @Size(max = 64)
    @JsonPropertyDescription("Command of a custom trainer (algorithm custom only); the image's entrypoint when omitted.")
    private List<String> command;

    @JsonPropertyDescription("Compute resources of the training container (CPU, memory, GPUs).")
    private ResourceRequirements resources;

    @Default("2")
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How many times a failed training pod is retried before the TrainingJob fails.")
    private Integer backoffLimit = 2;

    @Min(1)
    @JsonPropertyDescription("Upper bound in seconds for the whole run; the Job is stopped and the TrainingJob fails after it.")
    private Long activeDeadlineSeconds;

    @JsonPropertyDescription("Gates the trained model must pass to become Validated; otherwise it is Rejected with the reason.")
    private Evaluation evaluation;

    @Default("2h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "freshDataTimeout " + ApiGroup.DURATION_MESSAGE)
    @JsonPropertyDescription("How long a run that must train on fresh data (annotation mlops.seed.dev/snapshot-after, set by a DriftPolicy retrain) waits for a prepare of its Dataset started after that time; it then fails with reason FreshDataTimeout. Default 2h.")
    private String freshDataTimeout = "2h";

    public DatasetRef getDatasetRef() {
        return datasetRef;
    }

    public void setDatasetRef(DatasetRef datasetRef) {
        this.datasetRef = datasetRef;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Algorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    public Map<String, String> getHyperparameters() {
        return hyperparameters;
    }

    public void setHyperparameters(Map<String, String> hyperparameters) {
        this.hyperparameters = hyperparameters;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Integer getBackoffLimit() {
        return backoffLimit;
    }

    public void setBackoffLimit(Integer backoffLimit) {
        this.backoffLimit = backoffLimit;
    }

    public Long getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public Evaluation getEvaluation() {
        return evaluation;
    }

    public void setEvaluation(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    public String getFreshDataTimeout() {
        return freshDataTimeout;
    }

    public void setFreshDataTimeout(String freshDataTimeout) {
        this.freshDataTimeout = freshDataTimeout;
    }
}
