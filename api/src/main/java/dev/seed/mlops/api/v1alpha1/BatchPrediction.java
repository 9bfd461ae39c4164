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

/** Offline scoring of a whole input with a model version, sharded across the pods of an Indexed Job, once or on a schedule. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("mlbp")
@Categories("mlops")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = PrinterColumns.READY)
@AdditionalPrinterColumn(name = "Model", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.lastRun.modelVersion")
@AdditionalPrinterColumn(name = "Rows", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.lastRun.rowsOut")
@AdditionalPrinterColumn(name = "Rows/s", type = AdditionalPrinterColumn.Type.NUMBER, jsonPath = ".status.lastRun.rowsPerSecond")
@AdditionalPrinterColumn(name = "Drift", type = AdditionalPrinterColumn.Type.NUMBER, jsonPath = ".status.lastRun.drift.maxScore")
@AdditionalPrinterColumn(name = "Schedule", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.schedule", priority = 1)
@AdditionalPrinterColumn(name = "Run", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.lastRun.name", priority = 1)
@AdditionalPrinterColumn(name = "Output", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.lastRun.outputUri", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = PrinterColumns.AGE)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = "{\"description\": \"" + BatchPrediction.DESCRIPTION + "\"}")
@ValidationRule(value = ObjectNames.SHAPE_RULE, message = ObjectNames.SHAPE_MESSAGE, optionalOldSelf = true)
@ValidationRule(value = ObjectNames.ON_CREATE + "self.metadata.name.size() <= " + BatchPrediction.MAX_NAME_LENGTH, optionalOldSelf = true,
        message = "a BatchPrediction name may have at most " + BatchPrediction.MAX_NAME_LENGTH + " characters, so that the Job of a run (<name>-<run>, at most 13 more) and its pods' hostnames (<job>-<shard>) fit the 63 characters of a label value")
public class BatchPrediction extends CustomResource<BatchPredictionSpec, BatchPredictionStatus> implements Namespaced {

    /** The longest name, so that every name the operator derives from it fits (the rule above says which). */
    public static final int MAX_NAME_LENGTH = 40;
    /** What kubectl explain batchprediction prints. */
    static final String DESCRIPTION = "Offline scoring of a whole input (a Dataset snapshot or a CSV file on a PersistentVolumeClaim) with a model version (pinned, or what an InferenceService serves as stable when a run starts): an Indexed Job whose shards stream the rows through the inference server's model code, each writing its part atomically; the run's manifest.json is written only when every shard succeeded. Runs once per spec generation, or on a cron schedule with history limits like a CronJob. Each run also reports the drift of its input against the model's training profile. The name is a DNS-1035 label of at most " + MAX_NAME_LENGTH + " characters.";

    @Override
    @JsonPropertyDescription("Which model scores what, where the predictions go, how many shards, and when.")
    public BatchPredictionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The latest run (rows, shards, speed, drift, output) and the schedule. Written by the operator only.")
    public BatchPredictionStatus getStatus() {
        return super.getStatus();
    }
}
