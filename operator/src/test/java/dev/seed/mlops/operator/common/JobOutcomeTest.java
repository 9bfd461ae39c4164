package dev.seed.mlops.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.artifact.JobResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobOutcomeTest {
    private static final Instant DONE = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aCompletedJobWithItsPodsResultSucceeds() {
        JobOutcome outcome = JobOutcome.of(job("Complete", "CompletionsReached"), List.of(pod("{\"command\":\"train\",\"success\":true,\"digest\":\"ab\"}")), DONE);

        assertThat(outcome.state()).isEqualTo(JobOutcome.State.Succeeded);
        assertThat(outcome.result()).hasValueSatisfying(r -> assertThat(r.digest()).isEqualTo("ab"));
    }

    @Test
    void aCompletedJobWhosePodHasNotArrivedYetIsStillRunningForAWhile() {
        JobOutcome early = JobOutcome.of(job("Complete", "CompletionsReached"), List.of(), DONE.plusSeconds(5));
        JobOutcome late = JobOutcome.of(job("Complete", "CompletionsReached"), List.of(), DONE.plus(JobOutcome.RESULT_GRACE).plusSeconds(1));

        assertThat(early.state()).isEqualTo(JobOutcome.State.Running);
        assertThat(early.awaitingResult()).isTrue();
        assertThat(late.state()).isEqualTo(JobOutcome.State.Succeeded);
        assertThat(late.result()).isEmpty();
    }

    @Test
    void aFailedJobReportsThePodsMessageOverTheJobControllers() {
        JobOutcome outcome = JobOutcome.of(job("Failed", "BackoffLimitExceeded"),
                List.of(pod("{\"command\":\"prepare\",\"success\":false,\"message\":\"row 3, column age: not a number\"}")), DONE);

        assertThat(outcome.state()).isEqualTo(JobOutcome.State.Failed);
        assertThat(outcome.reason()).isEqualTo("BackoffLimitExceeded");
        assertThat(outcome.message()).isEqualTo("row 3, column age: not a number");
        assertThat(outcome.result().map(JobResult::success)).contains(false);
    }

    private static Job job(String type, String reason) {
        return new JobBuilder().withNewMetadata().withName("credit-prepare-1").endMetadata()
                .withNewStatus().withFailed("Failed".equals(type) ? 2 : 0)
                    .addNewCondition().withType(type).withStatus("True").withReason(reason).withMessage("from the Job controller")
                        .withLastTransitionTime(DONE.toString()).endCondition()
                .endStatus().build();
    }

    private static Pod pod(String terminationMessage) {
        return new PodBuilder().withNewMetadata().withName("credit-prepare-1-x").addToLabels("job-name", "credit-prepare-1")
                .withCreationTimestamp(DONE.toString()).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("trainer").withNewState().withNewTerminated()
                    .withExitCode(0).withMessage(terminationMessage).endTerminated().endState().endContainerStatus().endStatus()
                .build();
    }
}
