package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a batch's predictions go and what each output row holds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchOutput {
    @Required
    @Size(max = 1024)
    @ValidationRule(value = "self.matches('^(pvc://[a-z0-9]([-a-z0-9.]*[a-z0-9])?(/[^\\\\s]*)?|s3://[a-z0-9][-a-z0-9.]{1,61}[a-z0-9]/[^\\\\s]+)$')",
            message = "output.uri must be a directory on a PersistentVolumeClaim or S3: pvc://<claim>/<path> or s3://<bucket>/<key>",
            messageExpression = "\"output.uri must be a directory on a PersistentVolumeClaim or S3, pvc://<claim>/<path> or s3://<bucket>/<key>, not '\" + self + \"'\"")
    @ValidationRule(value = ApiGroup.S3_KEY_RULE, message = "output.uri: " + ApiGroup.S3_KEY_MESSAGE,
            messageExpression = "\"output.uri: " + ApiGroup.S3_KEY_MESSAGE + ApiGroup.NOT_VALUE)
    @ValidationRule(value = "!self.matches('^(pvc|s3)://[^/]+/+(datasets|models)(/.*)?$')",
            message = "output.uri must not be inside the datasets/ or models/ of a store: snapshots and model artifacts are immutable",
            messageExpression = "\"output.uri '\" + self + \"' is inside the datasets/ or models/ of a store, whose snapshots and model artifacts are immutable\"")
    @JsonPropertyDescription("Directory on a PersistentVolumeClaim in this namespace (pvc://<claim>/<path>) or on S3 (s3://<bucket>/<key>, credentials from the store Secret); each run writes into <uri>/<run>/: part-<shard>.csv per shard and manifest.json last, once every shard succeeded. Not inside the input, nor in a store's datasets/ or models/.")
    private String uri;

    @Default("csv")
    @JsonPropertyDescription("Format of the prediction files: csv (a header row; the id column, the predictions, then the features when passThroughFeatures). Default: csv.")
    private BatchOutputFormat format = BatchOutputFormat.csv;

    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Input column copied as the first column of every output row, to join predictions back to their rows (e.g. customer_id); a run fails if the input lacks it. Default: none (the first column is row, the row's 0-based index in the input).")
    private String idColumn;

    @Default("false")
    @JsonPropertyDescription("Whether each output row also carries the model's features as they were read. Default: false.")
    private Boolean passThroughFeatures = false;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public BatchOutputFormat getFormat() {
        return format;
    }

    public void setFormat(BatchOutputFormat format) {
        this.format = format;
    }

    public String getIdColumn() {
        return idColumn;
    }

    public void setIdColumn(String idColumn) {
        this.idColumn = idColumn;
    }

    public Boolean getPassThroughFeatures() {
        return passThroughFeatures;
    }

    public void setPassThroughFeatures(Boolean passThroughFeatures) {
        this.passThroughFeatures = passThroughFeatures;
    }
}
