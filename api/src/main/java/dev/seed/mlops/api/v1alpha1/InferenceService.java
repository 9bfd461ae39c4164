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

/** Serves a model over HTTP and replaces its version through a canary with analysis. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("mlisvc")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Model", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.model")
@AdditionalPrinterColumn(name = "Stable", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.stable.version")
@AdditionalPrinterColumn(name = "Canary", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.canary.version")
@AdditionalPrinterColumn(name = "Weight", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.canary.weight")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.url", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
public class InferenceService extends CustomResource<InferenceServiceSpec, InferenceServiceStatus> implements Namespaced {

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
