package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One training run on a Dataset snapshot; on success it registers a ModelVersion and applies evaluation gates. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("tj")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Model", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.model")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Version", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.modelVersion")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = PrinterColumns.READY)
@AdditionalPrinterColumn(name = "Best", type = AdditionalPrinterColumn.Type.NUMBER, jsonPath = ".status.search.bestObjective")
@AdditionalPrinterColumn(name = "Dataset", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.datasetRef.name", priority = 1)
@AdditionalPrinterColumn(name = "Job", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.jobName", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = PrinterColumns.AGE)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"description\": \"" + TrainingJob.DESCRIPTION + "\"}")
@ValidationRule(value = ObjectNames.SHAPE_RULE, message = ObjectNames.SHAPE_MESSAGE, optionalOldSelf = true)
@ValidationRule(value = ObjectNames.ON_CREATE + "self.metadata.name.size() <= " + TrainingJob.MAX_NAME_LENGTH, optionalOldSelf = true,
        message = "a TrainingJob name may have at most " + TrainingJob.MAX_NAME_LENGTH + " characters, so that its Job <name>-train, with a retry suffix (-r<n>) and room for a worker index, fits the 63 characters of a label value")
@ValidationRule(value = TrainingJobSpec.IMMUTABLE_RULE, message = TrainingJobSpec.IMMUTABLE_MESSAGE)
public class TrainingJob extends CustomResource<TrainingJobSpec, TrainingJobStatus> implements Namespaced {

    /** The longest name, so that every name the operator derives from it fits (the rule above says which). */
    public static final int MAX_NAME_LENGTH = 48;
    /** What kubectl explain trainingjob prints. */
    static final String DESCRIPTION = "One training run of a model on the latest Ready snapshot of a Dataset: the algorithm and hyperparameters, an optional search, the resources, and the evaluation gates the result must pass. On success it registers a ModelVersion (<model>-v<version>) that the gates mark Validated or Rejected. The name is a DNS-1035 label of at most " + MAX_NAME_LENGTH + " characters.";

    @Override
    @JsonPropertyDescription("What to train on, how, and what the result must achieve.")
    public TrainingJobSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Progress of the training run and what it produced. Written by the operator only.")
    public TrainingJobStatus getStatus() {
        return super.getStatus();
    }
}
