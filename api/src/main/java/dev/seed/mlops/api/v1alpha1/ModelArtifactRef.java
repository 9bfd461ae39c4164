package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class ModelArtifactRef {
    @Required
    @Size(min = 1, max = 2048)
    @ValidationRule(value = "self.matches('^(pvc://[a-z0-9]([-a-z0-9]*[a-z0-9])?/[^\\\\s]+|s3://[a-z0-9][-a-z0-9.]{1,61}[a-z0-9]/[^\\\\s]+)$')",
            message = "artifact.uri must be pvc://<claim>/<path> or s3://<bucket>/<key>",
            messageExpression = "'artifact.uri must be pvc://<claim>/<path> or s3://<bucket>/<key>, with a claim name that is a DNS label (lowercase letters, digits, dashes)"
                    + " and a bucket name of 3 to 63 lowercase letters, digits, dots or dashes, and a path; not \\'' + self + '\\''")
    @ValidationRule(value = ApiGroup.S3_KEY_RULE, message = "artifact.uri: " + ApiGroup.S3_KEY_MESSAGE,
            messageExpression = "\"artifact.uri: " + ApiGroup.S3_KEY_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Directory of the artifact (manifest.json, model file, profile.json): pvc://<claim>/<path> or s3://<bucket>/<key>.")
    private String uri;

    @Required
    @JsonPropertyDescription("Model file format: xgboost (model.xgb), onnx (model.onnx) or torchscript (model.pt).")
    private ModelFormat format;

    @Required
    @Size(max = 64)
    @ValidationRule(value = ApiGroup.SHA256_HEX_RULE, message = "sha256" + ApiGroup.SHA256_HEX_MESSAGE,
            messageExpression = "\"sha256" + ApiGroup.SHA256_HEX_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("sha256 (64 lowercase hex digits) of the model file; the inference server refuses a file that does not match.")
    private String sha256;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public ModelFormat getFormat() {
        return format;
    }

    public void setFormat(ModelFormat format) {
        this.format = format;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }
}
