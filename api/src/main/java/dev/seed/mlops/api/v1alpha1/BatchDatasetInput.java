package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** A Dataset snapshot as the input of a batch: a TrainingJob's datasetRef, and which of the snapshot's splits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchDatasetInput extends DatasetRef {
    @Default("all")
    @JsonPropertyDescription("Which rows of the snapshot to score: all (train, validation and test, in that order), train, validation or test. Default: all.")
    private BatchInputSplit split = BatchInputSplit.all;

    public BatchInputSplit getSplit() {
        return split;
    }

    public void setSplit(BatchInputSplit split) {
        this.split = split;
    }
}
