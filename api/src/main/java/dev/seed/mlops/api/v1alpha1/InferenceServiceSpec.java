package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@ValidationRule(value = "!(has(self.replicas) && has(self.autoscaling))", message = "set either replicas or autoscaling, not both")
@ValidationRule(value = "!(has(self.canary) && has(self.canary.analysis) && has(self.canary.analysis.quality)) || has(self.predictionLog)",
        message = "canary.analysis.quality compares the versions' logged predictions with their labels: set predictionLog too")
public class InferenceServiceSpec {
    @Required
    @Size(min = 1, max = 40)
    @ValidationRule(value = ApiGroup.DNS_LABEL_RULE, message = "model" + ApiGroup.DNS_LABEL_MESSAGE,
            messageExpression = "\"model" + ApiGroup.DNS_LABEL_MESSAGE + ApiGroup.NOT_VALUE)
    @ValidationRule(value = "self == oldSelf", message = "model is immutable: pods serve one model's artifacts; create another InferenceService to serve another model")
    @JsonPropertyDescription("Name of the model to serve; its ModelVersions are the candidates. Immutable.")
    private String model;

    @Min(1)
    @JsonPropertyDescription("Pin a version. Unpinned, the newest Validated version is served and replaces the current one through the canary without an edit in Git. Pinning is the manual approval path.")
    private Long version;

    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Fixed number of serving pods for the stable version; not with autoscaling. Default: 1 when autoscaling is not set.")
    private Integer replicas;

    @JsonPropertyDescription("Scale the stable version with a HorizontalPodAutoscaler instead of a fixed replica count.")
    private Autoscaling autoscaling;

    @JsonPropertyDescription("Compute resources of each serving container: quantities such as 500m, 2 or 1Gi; the API server refuses a malformed cpu, memory, ephemeral-storage or nvidia.com/gpu quantity and a request above its limit.")
    private ContainerResources resources;

    @JsonPropertyDescription("Overrides for the inference server container.")
    private Runtime runtime;

    @Default("{\"steps\":[{\"weight\":10,\"pause\":\"1m\"},{\"weight\":50,\"pause\":\"1m\"},{\"weight\":100}]}")
    @JsonPropertyDescription("How a new version replaces the serving one: steps of traffic weight with analysis between them. Default: {steps: [{weight: 10, pause: 1m}, {weight: 50, pause: 1m}, {weight: 100}]}.")
    private CanaryStrategy canary = new CanaryStrategy();

    @JsonPropertyDescription("Log predictions and the labels clients send back (POST /v2/models/{model}/feedback) to the artifact store, under prediction-logs/<namespace>/<name>/<pod>/, for quality evaluation; the pods then mount the store writable. Only for pvc:// stores. Default: unset, nothing is logged.")
    private PredictionLogSpec predictionLog;

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

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Autoscaling getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(Autoscaling autoscaling) {
        this.autoscaling = autoscaling;
    }

    public ContainerResources getResources() {
        return resources;
    }

    public void setResources(ContainerResources resources) {
        this.resources = resources;
    }

    public Runtime getRuntime() {
        return runtime;
    }

    public void setRuntime(Runtime runtime) {
        this.runtime = runtime;
    }

    public PredictionLogSpec getPredictionLog() {
        return predictionLog;
    }

    public void setPredictionLog(PredictionLogSpec predictionLog) {
        this.predictionLog = predictionLog;
    }

    public CanaryStrategy getCanary() {
        return canary;
    }

    public void setCanary(CanaryStrategy canary) {
        this.canary = canary;
    }
}
