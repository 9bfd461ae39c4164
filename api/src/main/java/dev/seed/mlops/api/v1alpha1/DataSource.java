package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class DataSource {
    @Required
    @Size(min = 1, max = 2048)
    @ValidationRule(value = "self.matches('^(pvc://[a-z0-9]([-a-z0-9]*[a-z0-9])?/[^\\\\s]+|s3://[a-z0-9][-a-z0-9.]{1,61}[a-z0-9]/[^\\\\s]+|https://[^/\\\\s]+/[^\\\\s]*)$')",
            message = "uri must be pvc://<claim>/<path>, s3://<bucket>/<key> or https://<host>/<path>",
            messageExpression = "'uri must be pvc://<claim>/<path>, s3://<bucket>/<key> or https://<host>/<path>, with a claim name that is a DNS label (lowercase letters, digits, dashes)"
                    + " and a bucket name of 3 to 63 lowercase letters, digits, dots or dashes, and a path; not \\'' + self + '\\''")
    @ValidationRule(value = ApiGroup.S3_KEY_RULE, message = "uri: " + ApiGroup.S3_KEY_MESSAGE,
            messageExpression = "\"uri: " + ApiGroup.S3_KEY_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Location of the data: pvc://<claim>/<path> (a PersistentVolumeClaim in this namespace), s3://<bucket>/<key> (S3-compatible, credentials from secretRef) or https://<host>/<path>.")
    private String uri;

    @JsonPropertyDescription("Secret in this namespace with the credentials for s3:// sources (keys AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, optional AWS_ENDPOINT_URL).")
    private LocalObjectRef secretRef;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public LocalObjectRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(LocalObjectRef secretRef) {
        this.secretRef = secretRef;
    }
}
