package dev.seed.mlops.operator.modelversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.BaselinePhase;
import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.ModelBaseline;
import dev.seed.mlops.api.v1alpha1.ModelSource;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BaselinePlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String SNAPSHOT_URI = "pvc://mlops-store/datasets/credit-risk/sha256-" + "ab".repeat(32);
    private static final String BASELINE_URI = "pvc://mlops-store/baselines/fraud-score/1/sha256-" + "ab".repeat(32);

    @Test
    void aTrainedVersionHasItsTrainingProfileAndRunsNoJob() {
        ModelVersion trained = TestObjects.handMadeModelVersion("fraud-score-v1");
        ModelSource source = new ModelSource();
        source.setTrainingJob("credit-train");
        source.setDataset("credit-risk");
        source.setDatasetDigest(DIGEST);
        trained.getSpec().setSource(source);

        ModelVersionPlan plan = plan(trained, new BaselineObservation(Optional.of(ready("credit-risk")), Map.of()));

        assertThat(plan.createBaselineJob()).isEmpty();
        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Training);
        assertThat(plan.status().getBaseline().getUri()).isEqualTo(trained.getSpec().getArtifact().getUri());
        assertThat(plan.status().getBaseline().getSnapshot()).isEqualTo(DIGEST);
        assertThat(condition(plan).getStatus()).isEqualTo(ConditionStatus.True);
    }

    @Test
    void aHandMadeVersionWithoutBaselineSaysDriftCannotBeWatched() {
        ModelVersionPlan plan = plan(TestObjects.handMadeModelVersion("fraud-score-v1"), BaselineObservation.NOTHING);

        assertThat(plan.createBaselineJob()).isEmpty();
        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.None);
        assertThat(condition(plan).getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(condition(plan).getReason()).isEqualTo("None");
        assertThat(condition(plan).getMessage()).contains("drift cannot be watched for this version", "spec.baseline.dataset");
        assertThat(plan.events()).contains(PlannedEvent.warning(EventReason.NoDriftBaseline, BaselinePlanner.NO_BASELINE));
    }

    @Test
    void theWarningIsRecordedOnceNotOnEveryPass() {
        ModelVersion version = TestObjects.handMadeModelVersion("fraud-score-v1");
        version.setStatus(plan(version, BaselineObservation.NOTHING).status());

        assertThat(plan(version, BaselineObservation.NOTHING).events()).isEmpty();
    }

    @Test
    void waitsWithAReasonWhileTheDatasetDoesNotExist() {
        ModelVersionPlan plan = plan(withBaseline(), BaselineObservation.NOTHING);

        assertThat(plan.createBaselineJob()).isEmpty();
        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Waiting);
        assertThat(condition(plan).getMessage()).isEqualTo("waiting for Dataset credit-risk, which does not exist");
    }

    @Test
    void waitsWithAReasonWhileTheDatasetHasNoReadySnapshot() {
        ModelVersionPlan plan = plan(withBaseline(), new BaselineObservation(Optional.of(TestObjects.dataset("credit-risk")), Map.of()));

        assertThat(plan.createBaselineJob()).isEmpty();
        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Waiting);
        assertThat(condition(plan).getMessage()).isEqualTo("waiting for Dataset credit-risk to have a Ready snapshot");
    }

    @Test
    void startsOneJobOnTheLatestReadySnapshot() {
        ModelVersionPlan plan = plan(withBaseline(), new BaselineObservation(Optional.of(ready("credit-risk")), Map.of()));

        assertThat(plan.createBaselineJob()).hasValueSatisfying(job -> {
            assertThat(job.name()).isEqualTo("fraud-score-v1-baseline");
            assertThat(job.snapshot().getUri()).isEqualTo(SNAPSHOT_URI);
        });
        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Profiling);
        assertThat(plan.status().getBaseline().getSnapshot()).isEqualTo(DIGEST);
        assertThat(plan.status().getBaseline().getJob()).isEqualTo("fraud-score-v1-baseline");
        assertThat(plan.events()).extracting(PlannedEvent::reason).contains(EventReason.BaselineStarted);
    }

    @Test
    void aRunningJobIsFollowedNotStartedAgain() {
        ModelVersion version = profiling();

        ModelVersionPlan plan = plan(version, new BaselineObservation(Optional.of(ready("credit-risk")),
                Map.of("fraud-score-v1-baseline", job(JobOutcome.State.Running, Optional.empty(), ""))));

        assertThat(plan.createBaselineJob()).isEmpty();
        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Profiling);
    }

    @Test
    void aSucceededJobRecordsTheBaseline() {
        JobResult result = new JobResult("baseline", true, DIGEST, BASELINE_URI, 20000L, null, null, null, "baseline of 4 features");

        ModelVersionPlan plan = plan(profiling(), new BaselineObservation(Optional.of(ready("credit-risk")),
                Map.of("fraud-score-v1-baseline", job(JobOutcome.State.Succeeded, Optional.of(result), ""))));

        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Ready);
        assertThat(plan.status().getBaseline().getUri()).isEqualTo(BASELINE_URI);
        assertThat(plan.status().getBaseline().getRows()).isEqualTo(20000L);
        assertThat(condition(plan).getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.BaselineComputed);
    }

    @Test
    void aFailedJobSetsTheConditionWithTheJobsMessage() {
        ModelVersionPlan plan = plan(profiling(), new BaselineObservation(Optional.of(ready("credit-risk")),
                Map.of("fraud-score-v1-baseline", job(JobOutcome.State.Failed, Optional.empty(),
                        "feature 'amount' of the model is not a column of the snapshot"))));

        assertThat(plan.status().getBaseline().getPhase()).isEqualTo(BaselinePhase.Failed);
        assertThat(condition(plan).getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(condition(plan).getMessage()).isEqualTo(
                "baseline Job fraud-score-v1-baseline failed: feature 'amount' of the model is not a column of the snapshot");
        assertThat(plan.events()).singleElement().satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.reason()).isEqualTo(EventReason.BaselineFailed);
        });
    }

    @Test
    void aRecordedBaselineIsNotComputedAgainWhenTheDatasetIsPreparedAgain() {
        ModelVersion version = withBaseline();
        version.setStatus(plan(profiling(), new BaselineObservation(Optional.of(ready("credit-risk")), Map.of("fraud-score-v1-baseline",
                job(JobOutcome.State.Succeeded, Optional.of(new JobResult("baseline", true, DIGEST, BASELINE_URI, 1L, null, null, null, "")), "")))).status());
        Dataset preparedAgain = ready("credit-risk");
        preparedAgain.getStatus().getLatestSnapshot().setDigest("sha256:" + "cd".repeat(32));

        ModelVersionPlan plan = plan(version, new BaselineObservation(Optional.of(preparedAgain), Map.of()));

        assertThat(plan.createBaselineJob()).isEmpty();
        assertThat(plan.status().getBaseline().getSnapshot()).isEqualTo(DIGEST);
        assertThat(plan.status().getBaseline().getUri()).isEqualTo(BASELINE_URI);
    }

    @Test
    void aJobThatVanishedBeforeItsOutcomeRunsAgainUnderAnotherNameOnTheSameSnapshot() {
        Dataset preparedAgain = ready("credit-risk");
        DatasetSnapshot newer = new DatasetSnapshot();
        newer.setDigest("sha256:" + "cd".repeat(32));
        preparedAgain.getStatus().setLatestSnapshot(newer);

        ModelVersionPlan plan = plan(profiling(), new BaselineObservation(Optional.of(preparedAgain), Map.of()));

        assertThat(plan.createBaselineJob()).hasValueSatisfying(job -> {
            assertThat(job.name()).isEqualTo("fraud-score-v1-baseline-r2");
            assertThat(job.snapshot().getDigest()).isEqualTo(DIGEST);
        });
    }

    @Test
    void aJobNameAnotherOwnerHoldsIsNotAdopted() {
        ObservedJob foreign = new ObservedJob("fraud-score-v1-baseline", false, Instant.EPOCH,
                new JobOutcome(JobOutcome.State.Succeeded, Optional.empty(), "Complete", "", 0), "ModelVersion fraud-score-v1 (uid old)");

        ModelVersionPlan plan = plan(withBaseline(), new BaselineObservation(Optional.of(ready("credit-risk")),
                Map.of("fraud-score-v1-baseline", foreign)));

        assertThat(plan.createBaselineJob()).hasValueSatisfying(job -> assertThat(job.name()).isEqualTo("fraud-score-v1-baseline-r2"));
    }

    @Test
    void theJobNameFitsALabelValueForTheLongestName() {
        ModelVersion longest = TestObjects.handMadeModelVersion("a".repeat(63));

        assertThat(BaselinePlanner.jobName(longest)).hasSizeLessThanOrEqualTo(63).endsWith("-baseline").startsWith("a".repeat(45));
        assertThat(BaselinePlanner.jobName(TestObjects.handMadeModelVersion("b".repeat(54)))).isEqualTo("b".repeat(54) + "-baseline");
    }

    private static ModelVersion withBaseline() {
        ModelVersion version = TestObjects.handMadeModelVersion("fraud-score-v1");
        ModelBaseline baseline = new ModelBaseline();
        baseline.setDataset("credit-risk");
        version.getSpec().setBaseline(baseline);
        return version;
    }

    /** A version whose baseline Job was started on the snapshot {@link #DIGEST}. */
    private static ModelVersion profiling() {
        ModelVersion version = withBaseline();
        version.setStatus(plan(version, new BaselineObservation(Optional.of(ready("credit-risk")), Map.of())).status());
        return version;
    }

    private static Dataset ready(String name) {
        Dataset dataset = TestObjects.dataset(name);
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest(DIGEST);
        snapshot.setUri(SNAPSHOT_URI);
        DatasetStatus status = new DatasetStatus();
        status.setLatestSnapshot(snapshot);
        status.setSnapshots(List.of(snapshot));
        dataset.setStatus(status);
        return dataset;
    }

    private static ObservedJob job(JobOutcome.State state, Optional<JobResult> result, String message) {
        return new ObservedJob("fraud-score-v1-baseline", true, Instant.EPOCH, new JobOutcome(state, result, state.name(), message, 0), "");
    }

    private static ModelVersionPlan plan(ModelVersion version, BaselineObservation seen) {
        return ModelVersionPlanner.plan(version, ModelVersionObservation.of(Stream.empty(), seen), NOW);
    }

    private static Condition condition(ModelVersionPlan plan) {
        return plan.status().getConditions().stream().filter(c -> BaselinePlanner.CONDITION.equals(c.getType())).findFirst().orElseThrow();
    }
}
