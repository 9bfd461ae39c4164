package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Dataset snapshot as the input of a batch, like a TrainingJob's datasetRef, plus which of its splits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchDatasetInput {
    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the Dataset in this namespace.")
    private String name;

    @Size(max = 71)
    @ValidationRule(value = ApiGroup.SNAPSHOT_DIGEST_RULE, message = "snapshot" + ApiGroup.SNAPSHOT_DIGEST_MESSAGE,
            messageExpression = "\"snapshot" + ApiGroup.SNAPSHOT_DIGEST_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Pin a snapshot by digest (sha256:<64 hex>). Default: the Dataset's latest Ready snapshot when a run starts, recorded in status.lastRun.inputUri.")
    private String snapshot;

    @Default("all")
    @JsonPropertyDescription("Which rows of the snapshot to score: all (train, validation and test, in that order), train, validation or test. Default: all.")
    private BatchInputSplit split = BatchInputSplit.all;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public BatchInputSplit getSplit() {
        return split;
    }

    public void setSplit(BatchInputSplit split) {
        this.split = split;
    }
}
