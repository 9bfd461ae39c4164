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

/** Watches an InferenceService for data drift and retrains (or alerts) when drift is sustained. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("dp")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Target", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.targetRef.name")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = PrinterColumns.READY)
@AdditionalPrinterColumn(name = "Max-Score", type = AdditionalPrinterColumn.Type.NUMBER, jsonPath = ".status.maxScore")
@AdditionalPrinterColumn(name = "Breaches", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.consecutiveBreaches")
@AdditionalPrinterColumn(name = "Action", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.action", priority = 1)
@AdditionalPrinterColumn(name = "Last-Triggered", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".status.lastTriggered.time", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = PrinterColumns.AGE)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"description\": \"" + DriftPolicy.DESCRIPTION + "\"}")
@ValidationRule(value = ObjectNames.SHAPE_RULE, message = ObjectNames.SHAPE_MESSAGE, optionalOldSelf = true)
@ValidationRule(value = ObjectNames.ON_CREATE + "self.metadata.name.size() <= " + DriftPolicy.MAX_NAME_LENGTH, optionalOldSelf = true,
        message = "a DriftPolicy name may have at most " + DriftPolicy.MAX_NAME_LENGTH + " characters, so that its retrain TrainingJobs, <name>-retrain-<n>, fit the 48 characters of a TrainingJob name")
public class DriftPolicy extends CustomResource<DriftPolicySpec, DriftPolicyStatus> implements Namespaced {

    /** The longest name, so that every name the operator derives from it fits (the rule above says which). */
    public static final int MAX_NAME_LENGTH = 32;
    /** What kubectl explain driftpolicy prints. */
    static final String DESCRIPTION = "Watches the data an InferenceService receives for drift from its training data, and when drift is sustained for consecutive checks, alerts or retrains the model on fresh data (a TrainingJob <name>-retrain-<n>) and retires the versions it replaced. The name is a DNS-1035 label of at most " + MAX_NAME_LENGTH + " characters.";

    @Override
    @JsonPropertyDescription("What to measure, when it counts as drift, and what to do about it.")
    public DriftPolicySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The latest drift scores and the retrains they triggered. Written by the operator only.")
    public DriftPolicyStatus getStatus() {
        return super.getStatus();
    }
}
