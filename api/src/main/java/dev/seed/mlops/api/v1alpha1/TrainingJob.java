package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Dataset", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.datasetRef.name", priority = 1)
@AdditionalPrinterColumn(name = "Job", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.jobName", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@ValidationRule(value = TrainingJobSpec.IMMUTABLE_RULE, message = TrainingJobSpec.IMMUTABLE_MESSAGE)
public class TrainingJob extends CustomResource<TrainingJobSpec, TrainingJobStatus> implements Namespaced {

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
