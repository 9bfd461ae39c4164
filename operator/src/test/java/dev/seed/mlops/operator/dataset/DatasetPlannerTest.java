package dev.seed.mlops.operator.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.PrepareOutcome;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per decision of the Dataset planner. */
class DatasetPlannerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final JobOutcome RUNNING = new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0);

    @Test
    void aNewDatasetStartsItsFirstPrepare() {
        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset(1), seen(), T0);

        assertThat(plan.createJob()).contains("credit-prepare-1");
        assertThat(plan.status().getPhase()).isEqualTo("Preparing");
        assertThat(plan.status().getPrepareStartedAt()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(plan.status().getPrepareOutcome()).isEqualTo(PrepareOutcome.Running);
        assertThat(Conditions.find(plan.status(), "Ready").orElseThrow().getReason()).isEqualTo("Preparing");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.PrepareStarted);
        assertThat(plan.requeueAfter()).contains(DatasetPlanner.RECHECK);
    }

    @Test
    void aRunningPrepareIsFollowedWithoutANewJob() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(own("credit-prepare-1", RUNNING)), T0.plusSeconds(5));

        assertThat(plan.createJob()).isEmpty();
        assertThat(plan.events()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo("Preparing");
    }

    @Test
    void aSucceededPrepareRecordsTheSnapshotWithWhenItStartedAndTheRequestItAnswered() {
        Dataset dataset = prepared(dataset(1), "aa", T0);
        dataset.getMetadata().setAnnotations(Map.of(Labels.REFRESH_REQUESTED_AT, "2026-01-01T11:00:00Z"));
        dataset = after(dataset, DatasetPlanner.plan(dataset, seen(dataset), T0.plusSeconds(3600)));

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(dataset, own(dataset.getStatus().getPrepareJob(), succeeded("bb"))),
                T0.plusSeconds(3700));

        assertThat(plan.status().getPhase()).isEqualTo("Ready");
        assertThat(plan.status().getPrepareOutcome()).isEqualTo(PrepareOutcome.Succeeded);
        assertThat(plan.status().getLatestSnapshot().getDigest()).isEqualTo("sha256:" + "bb".repeat(32));
        assertThat(plan.status().getLatestSnapshot().getStartedAt()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(plan.status().getLatestSnapshot().getRefreshRequest()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(plan.status().getSnapshots()).hasSize(2);
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.SnapshotPrepared);
    }

    @Test
    void aSucceededPrepareRecordsTheTransformsFittedOnTheSnapshot() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));
        JobResult result = TestObjects.prepared("cc".repeat(32), 1000);
        List<String> fitted = List.of("income_filled: fills income with 41250.0", "amount_log: log1p of amount");
        JobOutcome outcome = new JobOutcome(JobOutcome.State.Succeeded, Optional.of(new JobResult(result.command(), true,
                result.digest(), result.uri(), result.rows(), result.trainRows(), result.testRows(), null, result.message(), fitted)),
                "Complete", "", 0);

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(own(dataset.getStatus().getPrepareJob(), outcome)), T0.plusSeconds(60));

        assertThat(plan.status().getLatestSnapshot().getTransforms()).isEqualTo(fitted);
        assertThat(plan.status().getSnapshots().get(0).getTransforms()).isEqualTo(fitted);
    }

    @Test
    void invalidDataFailsTheDatasetWithTheTrainersMessage() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));
        JobOutcome invalid = new JobOutcome(JobOutcome.State.Failed, Optional.of(TestObjects.failed("prepare", "row 12: 'abc' is not a number")),
                "BackoffLimitExceeded", "row 12: 'abc' is not a number", 1);

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(own("credit-prepare-1", invalid)), T0.plusSeconds(10));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(plan.status().getPrepareOutcome()).isEqualTo(PrepareOutcome.Failed);
        assertThat(Conditions.find(plan.status(), "Ready").orElseThrow().getReason()).isEqualTo("ValidationFailed");
        assertThat(plan.events()).singleElement().satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.reason()).isEqualTo(EventReason.ValidationFailed);
        });
        assertThat(plan.createJob()).isEmpty();
    }

    @Test
    void aSpecChangePreparesAgainUnderTheNewGeneration() {
        Dataset dataset = prepared(dataset(1), "aa", T0);
        dataset.getMetadata().setGeneration(2L);

        assertThat(DatasetPlanner.plan(dataset, seen(), T0.plusSeconds(60)).createJob()).contains("credit-prepare-2");
    }

    @Test
    void aPrepareWhoseJobVanishedStartsAgainUnderANewName() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(), T0.plusSeconds(60));

        assertThat(plan.createJob()).contains("credit-prepare-1-r2");
        assertThat(plan.status().getPrepareJob()).isEqualTo("credit-prepare-1-r2");
        assertThat(plan.status().getPrepareStartedAt()).isEqualTo("2026-01-01T10:01:00Z");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.PrepareJobMissing, EventReason.PrepareStarted);
    }

    @Test
    void aReplacementJobThatVanishesTooIsReplacedUnderTheNextName() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));
        dataset = after(dataset, DatasetPlanner.plan(dataset, seen(), T0.plusSeconds(60)));

        assertThat(DatasetPlanner.plan(dataset, seen(), T0.plusSeconds(120)).createJob()).contains("credit-prepare-1-r3");
    }

    @Test
    void aJobOfTheSameNameOwnedByAnotherDatasetIsNeverAdopted() {
        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset(1), seen(foreign("credit-prepare-1")), T0);

        assertThat(plan.createJob()).contains("credit-prepare-1-r2");
        assertThat(plan.events()).first().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EventReason.PrepareJobNameTaken);
            assertThat(e.message()).contains("Dataset credit (uid old-uid)", "credit-prepare-1-r2");
        });
    }

    @Test
    void aPrepareStuckOnAnAdoptedForeignJobMovesToItsOwnJob() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(foreign("credit-prepare-1"), foreign("credit-prepare-1-r2")), T0.plusSeconds(5));

        assertThat(plan.createJob()).contains("credit-prepare-1-r3");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.PrepareJobNameTaken, EventReason.PrepareStarted);
    }

    @Test
    void aJobThisDatasetAlreadyOwnsIsTakenUpInsteadOfCreated() {
        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset(1), seen(own("credit-prepare-1", succeeded("aa"))), T0.plusSeconds(30));

        assertThat(plan.createJob()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo("Ready");
        assertThat(plan.status().getPrepareStartedAt()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void aRefreshRequestStartsAPrepareThatRecordsTheRequest() {
        Dataset dataset = prepared(dataset(1), "aa", T0);
        dataset.getMetadata().setAnnotations(Map.of(Labels.REFRESH_REQUESTED_AT, "2026-01-01T11:00:00Z"));

        DatasetPlanner.Plan plan = DatasetPlanner.plan(dataset, seen(dataset), Instant.parse("2026-01-01T11:00:00Z"));

        assertThat(plan.createJob()).hasValueSatisfying(name -> assertThat(name).startsWith("credit-prepare-1-"));
        assertThat(plan.status().getPrepareRefreshRequest()).isEqualTo("2026-01-01T11:00:00Z");
    }

    @Test
    void aRequestMadeWhileAPrepareRunsIsAnsweredByTheNextPrepareNotByThatOne() {
        Dataset dataset = after(dataset(1), DatasetPlanner.plan(dataset(1), seen(), T0));
        dataset.getMetadata().setAnnotations(Map.of(Labels.REFRESH_REQUESTED_AT, "2026-01-01T10:00:30Z"));

        DatasetPlanner.Plan finished = DatasetPlanner.plan(dataset, seen(dataset, own("credit-prepare-1", succeeded("aa"))), T0.plusSeconds(60));

        assertThat(finished.status().getLatestSnapshot().getRefreshRequest()).isNull();
        assertThat(finished.status().getPhase()).isEqualTo("Preparing");
        assertThat(finished.createJob()).hasValueSatisfying(name -> assertThat(name).startsWith("credit-prepare-1-"));
        assertThat(finished.status().getPrepareRefreshRequest()).isEqualTo("2026-01-01T10:00:30Z");
    }

    @Test
    void aRequestAPrepareAnsweredIsNotAskedAgainEvenWhenThatPrepareFailed() {
        Dataset dataset = prepared(dataset(1), "aa", T0);
        dataset.getMetadata().setAnnotations(Map.of(Labels.REFRESH_REQUESTED_AT, "2026-01-01T09:00:00Z"));
        dataset.getStatus().setPrepareRefreshRequest("2026-01-01T09:00:00Z");
        dataset.getStatus().setPhase("Failed");

        assertThat(DatasetPlanner.plan(dataset, seen(dataset), T0.plusSeconds(60)).createJob()).isEmpty();
    }

    @Test
    void aRefreshRequestIsReadFromTheStatusOfOldVersionsByTheLastPrepareTime() {
        Dataset dataset = prepared(dataset(1), "aa", T0);
        dataset.getStatus().setPrepareStartedAt(null);
        dataset.getStatus().setPrepareRefreshRequest(null);

        assertThat(DatasetPlanner.refreshRequested(Optional.of(T0.plusSeconds(5)), dataset.getStatus())).contains(T0.plusSeconds(5));
        assertThat(DatasetPlanner.refreshRequested(Optional.of(T0), dataset.getStatus())).isEmpty();
        assertThat(DatasetPlanner.refreshRequested(Optional.empty(), dataset.getStatus())).isEmpty();
    }

    @Test
    void anUnreadableRequestTimeIsNoRequest() {
        Dataset dataset = dataset(1);
        dataset.getMetadata().setAnnotations(Map.of(Labels.REFRESH_REQUESTED_AT, "yesterday"));

        assertThat(DatasetObservation.refreshRequest(dataset)).isEmpty();
    }

    @Test
    void theRefreshIntervalStartsAPrepareWhenDueAndWakesTheDatasetThen() {
        Dataset dataset = prepared(dataset(1), "aa", T0);
        dataset.getSpec().setRefreshInterval("1h");

        DatasetPlanner.Plan early = DatasetPlanner.plan(dataset, seen(), T0.plusSeconds(600));
        assertThat(early.createJob()).isEmpty();
        assertThat(early.requeueAfter()).contains(Duration.ofSeconds(3001));

        assertThat(DatasetPlanner.plan(dataset, seen(), T0.plusSeconds(3600)).createJob())
                .contains(PrepareJobs.name(dataset, T0.plusSeconds(3600)));
    }

    private static Dataset dataset(long generation) {
        Dataset dataset = TestObjects.dataset("credit");
        dataset.getMetadata().setNamespace("ml");
        dataset.getMetadata().setUid("new-uid");
        dataset.getMetadata().setGeneration(generation);
        return dataset;
    }

    /** The dataset as the next reconcile reads it: with the status the plan wrote. */
    private static Dataset after(Dataset dataset, DatasetPlanner.Plan plan) {
        dataset.setStatus(plan.status());
        return dataset;
    }

    /** A dataset whose first prepare (started at {@code at}) made snapshot {@code digest}. */
    private static Dataset prepared(Dataset dataset, String digest, Instant at) {
        after(dataset, DatasetPlanner.plan(dataset, seen(), at));
        return after(dataset, DatasetPlanner.plan(dataset, seen(own("credit-prepare-1", succeeded(digest))), at));
    }

    private static JobOutcome succeeded(String digest) {
        JobResult result = TestObjects.prepared(digest.repeat(32), 1000);
        return new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0);
    }

    private static ObservedJob own(String name, JobOutcome outcome) {
        return new ObservedJob(name, true, T0, outcome, "Dataset credit (uid new-uid)");
    }

    private static ObservedJob foreign(String name) {
        return new ObservedJob(name, false, T0.minusSeconds(86400), RUNNING, "Dataset credit (uid old-uid)");
    }

    private static DatasetObservation seen(ObservedJob... jobs) {
        return seen(dataset(1), jobs);
    }

    private static DatasetObservation seen(Dataset dataset, ObservedJob... jobs) {
        Map<String, ObservedJob> byName = new LinkedHashMap<>();
        for (ObservedJob job : jobs) {
            byName.put(job.name(), job);
        }
        return new DatasetObservation(byName, DatasetObservation.refreshRequest(dataset));
    }
}
