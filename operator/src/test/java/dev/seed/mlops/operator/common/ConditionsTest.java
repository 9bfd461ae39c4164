package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    @Test
    void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
        DatasetStatus status = new DatasetStatus();
        Conditions.set(status, "Ready", ConditionStatus.False, "Preparing", "first", 1, T0);
        Conditions.set(status, "Ready", ConditionStatus.False, "Preparing", "still", 2, T1);

        Condition ready = Conditions.find(status, "Ready").orElseThrow();
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(ready.getMessage()).isEqualTo("still");
        assertThat(ready.getObservedGeneration()).isEqualTo(2L);

        Conditions.set(status, "Ready", ConditionStatus.True, "SnapshotReady", "done", 2, T1);
        assertThat(Conditions.find(status, "Ready").orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(status.getConditions()).hasSize(1);
        assertThat(Conditions.isTrue(status, "Ready")).isTrue();
    }
}
