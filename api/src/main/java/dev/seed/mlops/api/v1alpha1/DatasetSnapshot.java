package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** An immutable prepared copy of a Dataset, addressed by the sha256 of the source bytes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetSnapshot {
    @JsonPropertyDescription("sha256:<hex> of the source bytes; the snapshot's address in the artifact store.")
    private String digest;

    @JsonPropertyDescription("Number of data rows in the source.")
    private Long rows;

    @JsonPropertyDescription("Rows in the training split.")
    private Long trainRows;

    @JsonPropertyDescription("Rows in the test split.")
    private Long testRows;

    @JsonPropertyDescription("Where the prepared files (train, test, profile) are in the artifact store.")
    private String uri;

    @JsonPropertyDescription("When the snapshot was prepared (RFC 3339).")
    private String preparedAt;

    @JsonPropertyDescription("When the prepare Job that produced this snapshot was started (RFC 3339). Unset on snapshots recorded before this field existed.")
    private String startedAt;

    @JsonPropertyDescription("The refresh request (mlops.seed.dev/refresh-requested-at, RFC 3339) the prepare that produced this snapshot answered. Unset when it answered none.")
    private String refreshRequest;

    @Size(max = 17)
    @JsonPropertyDescription("The transforms fitted on this snapshot's training split, each as '<name>: <fitted parameters>' (at most 16, then how many more; the snapshot's transforms.json holds them all). Unset without transforms.")
    private List<String> transforms;

    public String getDigest() {
        return digest;
    }

    public void setDigest(String digest) {
        this.digest = digest;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public Long getTrainRows() {
        return trainRows;
    }

    public void setTrainRows(Long trainRows) {
        this.trainRows = trainRows;
    }

    public Long getTestRows() {
        return testRows;
    }

    public void setTestRows(Long testRows) {
        this.testRows = testRows;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getPreparedAt() {
        return preparedAt;
    }

    public void setPreparedAt(String preparedAt) {
        this.preparedAt = preparedAt;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getRefreshRequest() {
        return refreshRequest;
    }

    public void setRefreshRequest(String refreshRequest) {
        this.refreshRequest = refreshRequest;
    }

    public List<String> getTransforms() {
        return transforms;
    }

    public void setTransforms(List<String> transforms) {
        this.transforms = transforms;
    }
}
