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

/** Serves a model over HTTP and replaces its version through a canary with analysis. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("mlisvc")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Model", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.model")
@AdditionalPrinterColumn(name = "Stable", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.stable.version")
@AdditionalPrinterColumn(name = "Canary", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.canary.version")
@AdditionalPrinterColumn(name = "Weight", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.canary.weight")
@AdditionalPrinterColumn(name = "Served", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.canary.servedWeight")
@AdditionalPrinterColumn(name = "Shadow", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.canary.shadow", priority = 1)
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = PrinterColumns.READY)
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.url")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = PrinterColumns.AGE)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"description\": \"" + InferenceService.DESCRIPTION + "\"}")
@ValidationRule(value = ObjectNames.SHAPE_RULE, message = ObjectNames.SHAPE_MESSAGE, optionalOldSelf = true)
@ValidationRule(value = ObjectNames.ON_CREATE + "self.metadata.name.size() <= " + InferenceService.MAX_NAME_LENGTH, optionalOldSelf = true,
        message = "an InferenceService name may have at most " + InferenceService.MAX_NAME_LENGTH + " characters, so that the Service of each served version, <name>-v<version>, fits the 63 characters of a DNS-1035 label")
public class InferenceService extends CustomResource<InferenceServiceSpec, InferenceServiceStatus> implements Namespaced {

    /** The longest name, so that every name the operator derives from it fits (the rule above says which). */
    public static final int MAX_NAME_LENGTH = 52;
    /** What kubectl explain inferenceservice prints. */
    static final String DESCRIPTION = "Serves the newest Validated version of a model over HTTP (KServe V1 and Open Inference Protocol V2) behind the Service <name>, and replaces it by a newer version through a canary with analysis, rolling back on failure. Not KServe's InferenceService: address it as inferenceservices.mlops.seed.dev or by its short name mlisvc. The name is a DNS-1035 label of at most " + MAX_NAME_LENGTH + " characters.";

    @Override
    @JsonPropertyDescription("Which model to serve, how many pods, and how new versions roll out.")
    public InferenceServiceSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The serving version, the canary in progress and past replacements. Written by the operator only.")
    public InferenceServiceStatus getStatus() {
        return super.getStatus();
    }
}
