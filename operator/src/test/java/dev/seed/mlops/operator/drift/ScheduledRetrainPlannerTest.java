package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.drift.DriftFixtures.serving;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.operator.common.EventReason;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** retrain.schedule in {@link DriftPlanner} ({@link ScheduledRetrains}), one test per rule. */
class ScheduledRetrainPlannerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:30Z");

    private final DriftPolicySpec spec = DriftFixtures.retrainSpec();
    private DriftPolicyStatus status;
    private Instant now = T0;
    private long generation = 1;
    private Optional<DriftObservation.Retrain> retrain = Optional.empty();

    ScheduledRetrainPlannerTest() {
        spec.getRetrain().setSchedule("0 * * * *");
        // No drift checks in these tests: a reading is always in flight.
        spec.setCheckInterval("24h");
    }

    private DriftPlan plan() {
        DriftPlan plan = DriftPlanner.next(DriftFixtures.POLICY, spec, generation, status,
                new DriftObservation(Optional.of(serving(3)), Optional.empty(), true, retrain), now);
        status = plan.status();
        return plan;
    }

    @Test
    void theFirstPassOnlyWorksOutWhenTheFirstRetrainIsDue() {
        DriftPlan plan = plan();

        assertThat(plan.retrain()).isEmpty();
        assertThat(status.getNextScheduledRetrain()).isEqualTo("2026-03-01T11:00:00Z");
    }

    @Test
    void aRetrainStartsWhenTheScheduleComesDueWithoutDriftOrBreach() {
        plan();
        now = Instant.parse("2026-03-01T11:00:00Z");

        DriftPlan plan = plan();

        assertThat(plan.retrain()).map(DriftPlan.RetrainOrder::trainingJob).contains("credit-drift-retrain-1");
        assertThat(status.getLastTriggered().getReason()).isEqualTo("scheduled retrain due at 2026-03-01T11:00:00Z (retrain.schedule '0 * * * *')");
        assertThat(status.getNextScheduledRetrain()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(status.getRecentTriggers()).as("a scheduled retrain does not use up maxPerDay").isEmpty();
    }

    @Test
    void afterDowntimeOnlyOneRetrainStartsForAllTheMissedOnes() {
        plan();
        now = Instant.parse("2026-03-01T15:20:00Z");

        assertThat(plan().retrain()).isPresent();
        retrain = Optional.of(DriftFixtures.job("credit-drift-retrain-1", "Running"));
        assertThat(plan().retrain()).isEmpty();
        assertThat(status.getNextScheduledRetrain()).isEqualTo("2026-03-01T16:00:00Z");
    }

    @Test
    void aRetrainDueWhileAnotherIsInFlightIsSkippedAndAnEventSaysSo() {
        plan();
        now = Instant.parse("2026-03-01T11:00:00Z");
        plan();
        retrain = Optional.of(DriftFixtures.job("credit-drift-retrain-1", "Running"));
        now = Instant.parse("2026-03-01T12:00:00Z");

        DriftPlan plan = plan();

        assertThat(plan.retrain()).isEmpty();
        assertThat(plan.events()).filteredOn(e -> e.reason() == EventReason.ScheduledRetrainSkipped).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("retrain credit-drift-retrain-1 is still in flight", "2026-03-01T13:00:00Z"));
        assertThat(status.getNextScheduledRetrain()).isEqualTo("2026-03-01T13:00:00Z");
    }

    @Test
    void aChangedScheduleMovesTheDueTime() {
        plan();
        spec.getRetrain().setSchedule("@daily");
        generation = 2;

        plan();

        assertThat(status.getNextScheduledRetrain()).isEqualTo("2026-03-02T00:00:00Z");
    }

    @Test
    void aScheduleThatCannotBeReadStartsNothingAndWarns() {
        spec.getRetrain().setSchedule("0 25 * * *");

        DriftPlan plan = plan();

        assertThat(plan.events()).filteredOn(e -> e.reason() == EventReason.InvalidSchedule).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'0 25 * * *'"));
        assertThat(status.getNextScheduledRetrain()).isNull();
    }

    @Test
    void withoutAScheduleNothingIsDue() {
        spec.getRetrain().setSchedule(null);

        plan();

        assertThat(status.getNextScheduledRetrain()).isNull();
    }
}
