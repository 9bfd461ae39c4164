package dev.seed.mlops.operator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.operator.TestObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelVersionsTest {
    @Test
    void theLineageRecordsTheTransformsFittedOnTheSnapshotTrainedOn() {
        Dataset dataset = TestObjects.dataset("credit");
        dataset.setStatus(new DatasetStatus());
        dataset.getStatus().getSnapshots().add(snapshot("sha256:new", List.of("amount_log: log1p of amount")));
        dataset.getStatus().getSnapshots().add(snapshot("sha256:old", List.of("income_filled: fills income with 40000.0")));

        assertThat(ModelVersions.fittedTransforms(dataset, "sha256:old")).containsExactly("income_filled: fills income with 40000.0");
        assertThat(ModelVersions.fittedTransforms(dataset, "sha256:gone")).isNull();
        assertThat(ModelVersions.fittedTransforms(TestObjects.dataset("fresh"), "sha256:old")).isNull();
    }

    private static DatasetSnapshot snapshot(String digest, List<String> transforms) {
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest(digest);
        snapshot.setTransforms(transforms);
        return snapshot;
    }
}
