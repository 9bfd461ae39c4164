package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class DatasetRef {
    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the Dataset in this namespace.")
    private String name;

    @Size(max = 71)
    @ValidationRule(value = ApiGroup.SNAPSHOT_DIGEST_RULE, message = "snapshot" + ApiGroup.SNAPSHOT_DIGEST_MESSAGE,
            messageExpression = "\"snapshot" + ApiGroup.SNAPSHOT_DIGEST_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Pin a snapshot by digest (sha256:<64 hex>). Default: the Dataset's latest Ready snapshot, recorded in status for lineage.")
    private String snapshot;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }
}
