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

/** Where training data is, what it must look like and how to split it; prepared into immutable snapshots. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("mlds")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Rows", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.latestSnapshot.rows")
@AdditionalPrinterColumn(name = "Snapshot", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.latestSnapshot.digest", priority = 1)
@AdditionalPrinterColumn(name = "Source", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.source.uri", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
public class Dataset extends CustomResource<DatasetSpec, DatasetStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("Where the data is, its schema, its split and the rules it must pass.")
    public DatasetSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Snapshots prepared from the source and the outcome of validation. Written by the operator only.")
    public DatasetStatus getStatus() {
        return super.getStatus();
    }
}
