package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServingVersion {
    @JsonPropertyDescription("Version number.")
    private Long version;

    @JsonPropertyDescription("Name of the ModelVersion.")
    private String modelVersion;

    @JsonPropertyDescription("Name of the Deployment that serves it.")
    private String deployment;

    @JsonPropertyDescription("Pods that have loaded the model and answer requests.")
    private Integer readyReplicas;

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public void setModelVersion(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    public String getDeployment() {
        return deployment;
    }

    public void setDeployment(String deployment) {
        this.deployment = deployment;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }
}
