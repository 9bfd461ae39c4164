package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.operator.common.StatusCopies;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** A drift check is written only when it changed what a user reads (issue 19: a status patch per policy per check). */
class UnwrittenStatusesTest {
    private final UnwrittenStatuses statuses = new UnwrittenStatuses();

    @Test
    void aCheckThatOnlyMovedTheScheduleIsNotWrittenAndTheNextPlanStartsFromIt() {
        DriftPolicy policy = policy("7", status(120L, "2026-03-01T10:00:00Z", "2026-03-01T10:01:00Z"));
        DriftPolicyStatus planned = status(120L, "2026-03-01T10:01:00Z", "2026-03-01T10:02:00Z");

        assertThat(statuses.write(policy, planned).isNoUpdate()).isTrue();
        assertThat(statuses.current(policy).getNextEvaluation()).isEqualTo("2026-03-01T10:02:00Z");
    }

    @Test
    void aCheckThatChangedAReadingIsWrittenWithItsSchedule() {
        DriftPolicy policy = policy("7", status(120L, "2026-03-01T10:00:00Z", "2026-03-01T10:01:00Z"));
        DriftPolicyStatus planned = status(130L, "2026-03-01T10:01:00Z", "2026-03-01T10:02:00Z");

        var control = statuses.write(policy, planned);

        assertThat(control.isPatchStatus()).isTrue();
        assertThat(control.getResource().orElseThrow().getStatus().getNextEvaluation()).isEqualTo("2026-03-01T10:02:00Z");
    }

    @Test
    void aPolicyChangedSinceTheUnwrittenCheckIsPlannedFromWhatWasRead() {
        DriftPolicy policy = policy("7", status(120L, "2026-03-01T10:00:00Z", "2026-03-01T10:01:00Z"));
        statuses.write(policy, status(120L, "2026-03-01T10:01:00Z", "2026-03-01T10:02:00Z"));

        DriftPolicy edited = policy("8", status(120L, "2026-03-01T10:00:00Z", "2026-03-01T10:01:00Z"));

        assertThat(statuses.current(edited).getNextEvaluation()).isEqualTo("2026-03-01T10:01:00Z");
    }

    @Test
    void aFirstStatusIsWritten() {
        DriftPolicy policy = policy("7", null);

        assertThat(statuses.write(policy, status(null, null, "2026-03-01T10:00:00Z")).isPatchStatus()).isTrue();
    }

    private static DriftPolicy policy(String resourceVersion, DriftPolicyStatus status) {
        DriftPolicy policy = new DriftPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName("churn").withNamespace("ns").withUid("uid-1")
                .withResourceVersion(resourceVersion).withGeneration(1L).build());
        policy.setStatus(status == null ? null : StatusCopies.copyOrNew(status, DriftPolicyStatus.class, DriftPolicyStatus::new));
        return policy;
    }

    private static DriftPolicyStatus status(Long samples, String lastEvaluated, String nextEvaluation) {
        DriftPolicyStatus status = new DriftPolicyStatus();
        status.setPhase("Healthy");
        status.setSamples(samples);
        status.setLastEvaluated(lastEvaluated);
        status.setNextEvaluation(nextEvaluation);
        return status;
    }
}
