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

/** Where training data is, what it must look like and how to split it; prepared into immutable snapshots. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("mlds")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = PrinterColumns.READY)
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Rows", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.latestSnapshot.rows")
@AdditionalPrinterColumn(name = "Snapshot", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.latestSnapshot.digest", priority = 1)
@AdditionalPrinterColumn(name = "Source", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.source.uri", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = PrinterColumns.AGE)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"description\": \"" + Dataset.DESCRIPTION + "\"}")
@ValidationRule(value = ObjectNames.SHAPE_RULE, message = ObjectNames.SHAPE_MESSAGE, optionalOldSelf = true)
@ValidationRule(value = ObjectNames.ON_CREATE + "self.metadata.name.size() <= " + Dataset.MAX_NAME_LENGTH, optionalOldSelf = true,
        message = "a Dataset name may have at most " + Dataset.MAX_NAME_LENGTH + " characters, so that its prepare Jobs (<name>-prepare-<generation>-<refresh>, with a retry suffix) fit the 63 characters of a label value")
public class Dataset extends CustomResource<DatasetSpec, DatasetStatus> implements Namespaced {

    /** The longest name, so that every name the operator derives from it fits (the rule above says which). */
    public static final int MAX_NAME_LENGTH = 32;
    /** What kubectl explain dataset prints. */
    static final String DESCRIPTION = "Where training data is (pvc://, s3:// or https://), its schema (a label and typed features), how it is split and the rules it must pass. The operator prepares it into immutable snapshots addressed by content digest; TrainingJobs train on the latest Ready one. The name is a DNS-1035 label of at most " + MAX_NAME_LENGTH + " characters.";

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
