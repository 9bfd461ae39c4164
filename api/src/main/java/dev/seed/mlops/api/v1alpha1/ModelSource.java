package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSource {
    @Size(max = 253)
    @JsonPropertyDescription("The TrainingJob that trained this version.")
    private String trainingJob;

    @Size(max = 253)
    @JsonPropertyDescription("The Dataset it was trained on.")
    private String dataset;

    @Size(max = 71)
    @ValidationRule(value = ApiGroup.SNAPSHOT_DIGEST_RULE, message = "datasetDigest" + ApiGroup.SNAPSHOT_DIGEST_MESSAGE,
            messageExpression = "\"datasetDigest" + ApiGroup.SNAPSHOT_DIGEST_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("The Dataset snapshot digest (sha256:<hex>) it was trained on.")
    private String datasetDigest;

    @JsonPropertyDescription("The search that chose this version's hyperparameters, as it ended: every trial with its values and objective. Absent for a single run.")
    private SearchStatus search;

    @Size(max = 17)
    @JsonPropertyDescription("The feature transforms fitted on the snapshot's training split that this version applies to raw inputs, as the Dataset's status recorded them ('<name>: <fitted parameters>'); the artifact's manifest.json holds them in full. Unset without transforms.")
    private List<String> transforms;

    public SearchStatus getSearch() {
        return search;
    }

    public void setSearch(SearchStatus search) {
        this.search = search;
    }

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

    public List<String> getTransforms() {
        return transforms;
    }

    public void setTransforms(List<String> transforms) {
        this.transforms = transforms;
    }
}
