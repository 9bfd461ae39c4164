package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which model version scores a batch: a pinned ModelVersion, or the stable version of an InferenceService. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.modelVersion) != has(self.fromInferenceService)",
        message = "model needs exactly one source: modelVersion (a pinned ModelVersion) or fromInferenceService (what that service serves as stable when a run starts)")
public class BatchModelSource {
    @Size(min = 1, max = 253)
    @ValidationRule(value = ApiGroup.OBJECT_NAME_RULE, message = "modelVersion" + ApiGroup.OBJECT_NAME_MESSAGE,
            messageExpression = "\"modelVersion" + ApiGroup.OBJECT_NAME_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Name of a ModelVersion in this namespace (e.g. credit-risk-v3): every run uses it. Default: none (then fromInferenceService is required).")
    private String modelVersion;

    @Size(min = 1, max = 253)
    @ValidationRule(value = ApiGroup.OBJECT_NAME_RULE, message = "fromInferenceService" + ApiGroup.OBJECT_NAME_MESSAGE,
            messageExpression = "\"fromInferenceService" + ApiGroup.OBJECT_NAME_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Name of an InferenceService in this namespace: each run uses the version it serves as stable when the run starts, resolved once and recorded in status.lastRun.modelVersion. Default: none (then modelVersion is required).")
    private String fromInferenceService;

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String getFromInferenceService() {
        return fromInferenceService;
    }

    public void setFromInferenceService(String fromInferenceService) {
        this.fromInferenceService = fromInferenceService;
    }
}
