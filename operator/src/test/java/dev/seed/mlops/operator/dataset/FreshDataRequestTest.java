package dev.seed.mlops.operator.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.operator.common.Labels;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the refresh-requested-at annotation (a DriftPolicy asking for fresh data) makes a Dataset prepare again. */
class FreshDataRequestTest {

    @Test
    void aRequestAfterTheLastPrepareIsDue() {
        assertThat(DatasetReconciler.refreshRequested(dataset("2026-01-01T10:00:05Z"), prepared("2026-01-01T10:00:00Z")))
                .contains(Instant.parse("2026-01-01T10:00:05Z"));
    }

    @Test
    void aRequestAPrepareHasAnsweredIsNot() {
        assertThat(DatasetReconciler.refreshRequested(dataset("2026-01-01T10:00:00Z"), prepared("2026-01-01T10:00:00Z"))).isEmpty();
        assertThat(DatasetReconciler.refreshRequested(dataset("2026-01-01T09:00:00Z"), prepared("2026-01-01T10:00:00Z"))).isEmpty();
    }

    @Test
    void noAnnotationNoFirstPrepareOrAnUnreadableTimeIsNoRequest() {
        assertThat(DatasetReconciler.refreshRequested(dataset(null), prepared("2026-01-01T10:00:00Z"))).isEmpty();
        assertThat(DatasetReconciler.refreshRequested(dataset("2026-01-01T10:00:05Z"), new DatasetStatus())).isEmpty();
        assertThat(DatasetReconciler.refreshRequested(dataset("yesterday"), prepared("2026-01-01T10:00:00Z"))).isEmpty();
    }

    private static Dataset dataset(String requestedAt) {
        Dataset dataset = new Dataset();
        if (requestedAt != null) {
            dataset.getMetadata().setAnnotations(Map.of(Labels.REFRESH_REQUESTED_AT, requestedAt));
        }
        return dataset;
    }

    private static DatasetStatus prepared(String at) {
        DatasetStatus status = new DatasetStatus();
        status.setLastPreparedAt(at);
        return status;
    }
}
