package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSource {
    @Size(max = 253)
    @JsonPropertyDescription("The TrainingJob that trained this version.")
    private String trainingJob;

    @Size(max = 253)
    @JsonPropertyDescription("The Dataset it was trained on.")
    private String dataset;

    @Pattern(ApiGroup.SNAPSHOT_DIGEST)
    @JsonPropertyDescription("The Dataset snapshot digest (sha256:<hex>) it was trained on.")
    private String datasetDigest;

    public String getTrainingJob() {
        return trainingJob;
    }

    public void setTrainingJob(String trainingJob) {
        this.trainingJob = trainingJob;
    }

    public String getDataset() {
        return dataset;
    }

    public void setDataset(String dataset) {
        this.dataset = dataset;
    }

    public String getDatasetDigest() {
        return datasetDigest;
    }

    public void setDatasetDigest(String datasetDigest) {
        this.datasetDigest = datasetDigest;
    }
}
