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

/** A registry record: one immutable trained model, its gate decision and who serves it. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("mv")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Model", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.model")
@AdditionalPrinterColumn(name = "Version", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Stage", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.stage")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = PrinterColumns.READY)
@AdditionalPrinterColumn(name = "Format", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.artifact.format")
@AdditionalPrinterColumn(name = "Reason", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.reason", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = PrinterColumns.AGE)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"description\": \"" + ModelVersion.DESCRIPTION + "\"}")
@ValidationRule(value = ObjectNames.LABEL_RULE, message = ObjectNames.LABEL_MESSAGE, optionalOldSelf = true)
@ValidationRule(value = ObjectNames.ON_CREATE + "self.metadata.name.size() <= " + ModelVersion.MAX_NAME_LENGTH, optionalOldSelf = true,
        message = "a ModelVersion name may have at most " + ModelVersion.MAX_NAME_LENGTH + " characters, the length of a DNS label")
public class ModelVersion extends CustomResource<ModelVersionSpec, ModelVersionStatus> implements Namespaced {

    /** The longest name, so that every name the operator derives from it fits (the rule above says which). */
    public static final int MAX_NAME_LENGTH = 63;
    /** What kubectl explain modelversion prints. */
    static final String DESCRIPTION = "A registry record: one immutable trained model (its artifact, schema, metrics and lineage), the gate decision on it (status.approval), and the InferenceServices that serve it (status.stage: Candidate, Validated, Rejected, Canary, Production or Retired). TrainingJobs create them as <model>-v<version>; a model changes by creating a new version. The name is a DNS-1123 label of at most " + MAX_NAME_LENGTH + " characters.";

    @Override
    @JsonPropertyDescription("The model version itself. Immutable after creation.")
    public ModelVersionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The gate decision (approval), which InferenceServices serve the version, and a stage that sums both up. Written by the operator only.")
    public ModelVersionStatus getStatus() {
        return super.getStatus();
    }
}
