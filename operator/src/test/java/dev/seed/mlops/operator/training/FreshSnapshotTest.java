package dev.seed.mlops.operator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which snapshot a TrainingJob with the snapshot-after annotation (a drift retrain) may train on. */
class FreshSnapshotTest {
    private static final String SNAPSHOT = "sha256:" + "ab".repeat(32);

    @Test
    void withoutTheAnnotationTheLatestReadySnapshotServes() {
        assertThat(TrainingPlanner.snapshotToTrainOn(job(null, null), ready("2026-01-01T09:00:00Z", "2026-01-01T09:01:00Z", null))).isPresent();
    }

    @Test
    void withItOnlyASnapshotFromAPrepareStartedAfterTheRequestServesHoweverLateAnEarlierOneFinished() {
        assertThat(TrainingPlanner.snapshotToTrainOn(job("2026-01-01T10:00:00Z", null), ready("2026-01-01T09:59:59Z", "2026-01-01T10:05:00Z", null))).isEmpty();
        assertThat(TrainingPlanner.snapshotToTrainOn(job("2026-01-01T10:00:00Z", null), ready("2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z", null))).isEmpty();
        assertThat(TrainingPlanner.snapshotToTrainOn(job("2026-01-01T10:00:00Z", null), ready("2026-01-01T10:00:01Z", "2026-01-01T10:05:00Z", null))).isPresent();
    }

    @Test
    void aPrepareThatRecordedTheRequestAnswersItEvenWithinTheSameSecond() {
        assertThat(TrainingPlanner.snapshotToTrainOn(job("2026-01-01T10:00:00Z", null),
                ready("2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z", "2026-01-01T10:00:00Z"))).isPresent();
        assertThat(TrainingPlanner.snapshotToTrainOn(job("2026-01-01T10:00:00Z", null),
                ready("2026-01-01T09:00:00Z", "2026-01-01T10:05:00Z", "2026-01-01T09:00:00Z"))).isEmpty();
    }

    @Test
    void aPinnedSnapshotIsExactFreshOrNot() {
        assertThat(TrainingPlanner.snapshotToTrainOn(job("2026-01-01T10:00:00Z", SNAPSHOT), ready("2026-01-01T09:00:00Z", "2026-01-01T09:01:00Z", null)))
                .hasValueSatisfying(s -> assertThat(s.getDigest()).isEqualTo(SNAPSHOT));
    }

    private static TrainingJob job(String snapshotAfter, String pinned) {
        TrainingJob job = TestObjects.trainingJob("retrain", "credit");
        job.getSpec().getDatasetRef().setSnapshot(pinned);
        if (snapshotAfter != null) {
            job.getMetadata().setAnnotations(Map.of(Labels.SNAPSHOT_AFTER, snapshotAfter));
        }
        return job;
    }

    private static Dataset ready(String startedAt, String preparedAt, String refreshRequest) {
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest(SNAPSHOT);
        snapshot.setStartedAt(startedAt);
        snapshot.setPreparedAt(preparedAt);
        snapshot.setRefreshRequest(refreshRequest);
        Dataset dataset = new Dataset();
        dataset.setStatus(new DatasetStatus());
        dataset.getStatus().setLatestSnapshot(snapshot);
        dataset.getStatus().setSnapshots(new java.util.ArrayList<>(List.of(snapshot)));
        Conditions.set(dataset.getStatus(), Conditions.READY, ConditionStatus.True, "SnapshotReady", "", 1, Instant.now());
        return dataset;
    }
}
