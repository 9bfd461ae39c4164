package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What a batch scores: a Dataset snapshot, or a CSV file (optionally gzipped) on a PersistentVolumeClaim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.dataset) != has(self.uri)",
        message = "input needs exactly one of dataset (a Dataset snapshot) or uri (a CSV file on a PersistentVolumeClaim or S3)")
public class BatchInput {
    /** A pvc:// or s3:// URI of a file: claim or bucket, and a path that does not end with a slash. */
    static final String FILE_URI_RULE = "self.matches('^(pvc://[a-z0-9]([-a-z0-9.]*[a-z0-9])?|s3://[a-z0-9][-a-z0-9.]{1,61}[a-z0-9])/[^\\\\s]*[^/\\\\s]$')";

    @JsonPropertyDescription("A snapshot of a Dataset in this namespace. Default: none (then uri is required).")
    private BatchDatasetInput dataset;

    @Size(max = 1024)
    @ValidationRule(value = FILE_URI_RULE, message = "uri must be a file on a PersistentVolumeClaim or S3: pvc://<claim>/<path> or s3://<bucket>/<key>",
            messageExpression = "\"uri must be a file on a PersistentVolumeClaim or S3, pvc://<claim>/<path> or s3://<bucket>/<key>, not '\" + self + \"'\"")
    @ValidationRule(value = ApiGroup.S3_KEY_RULE, message = "uri: " + ApiGroup.S3_KEY_MESSAGE,
            messageExpression = "\"uri: " + ApiGroup.S3_KEY_MESSAGE + ApiGroup.NOT_VALUE)
    @ValidationRule(value = "self.endsWith('.csv') || self.endsWith('.csv.gz')", message = "uri must name a CSV file: .csv, or .csv.gz when gzipped",
            messageExpression = "\"uri must name a CSV file (.csv, or .csv.gz when gzipped), not '\" + self + \"'\"")
    @JsonPropertyDescription("A CSV file with a header row holding the model's features, on a PersistentVolumeClaim in this namespace (pvc://<claim>/<path>.csv) or on S3 (s3://<bucket>/<key>.csv, credentials from the store Secret); .csv.gz when gzipped. Default: none (then dataset is required).")
    private String uri;

    public BatchDatasetInput getDataset() {
        return dataset;
    }

    public void setDataset(BatchDatasetInput dataset) {
        this.dataset = dataset;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }
}
