package dev.seed.mlops.operator.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ParameterSpace;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.SearchObjective;
import dev.seed.mlops.api.v1alpha1.PrepareOutcome;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One test per decision of the TrainingJob planner. */
class TrainingPlannerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final Map<String, Double> GOOD = Map.of("auc", 0.83, "logLoss", 0.42);

    @Test
    void aRunOnAMissingDatasetWaitsAndWarnsOnce() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(run(), seen(null), T0);

        assertThat(plan.status().getPhase()).isEqualTo("WaitingForData");
        assertThat(readyReason(plan)).isEqualTo("DatasetNotFound");
        assertThat(plan.events()).singleElement().satisfies(e -> assertThat(e.warning()).isTrue());

        TrainingJob waiting = after(run(), plan);
        assertThat(TrainingPlanner.plan(waiting, seen(null), T0.plusSeconds(30)).events()).isEmpty();
    }

    @Test
    void aRunWaitsForAReadySnapshot() {
        Dataset preparing = dataset(null);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(run(), seen(preparing), T0);

        assertThat(readyReason(plan)).isEqualTo("WaitingForSnapshot");
        assertThat(plan.reserveFrom()).isEmpty();
    }

    @Test
    void aReadySnapshotFirstReservesAVersionFromTheFirstFreeNumberAndNothingElse() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(run(), seen(dataset(snapshot(T0, null))), T0);

        assertThat(plan.reserveFrom()).hasValue(4);
        assertThat(plan.createJob()).isEmpty();
        assertThat(plan.status().getVersion()).isNull();
    }

    @Test
    void withAReservedVersionTheTrainingJobStarts() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(run(), seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0);

        assertThat(plan.createJob()).hasValueSatisfying(start -> {
            assertThat(start.name()).isEqualTo("run-train");
            assertThat(start.version()).isEqualTo(5);
            assertThat(start.snapshotUri()).isEqualTo("pvc://mlops-store/datasets/credit/sha256-cd");
        });
        assertThat(plan.status().getPhase()).isEqualTo("Running");
        assertThat(plan.status().getVersion()).isEqualTo(5);
        assertThat(plan.status().getDatasetSnapshot()).isEqualTo(DIGEST);
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.TrainingStarted);
        assertThat(plan.requeueAfter()).contains(TrainingPlanner.RECHECK);
    }

    @Test
    void aTrainingJobNameHeldByAnotherOwnerIsNotAdopted() {
        TrainingObservation seen = seen(dataset(snapshot(T0, null)), foreign("run-train")).withReservedVersion(5);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(run(), seen, T0);

        assertThat(plan.createJob()).hasValueSatisfying(start -> assertThat(start.name()).isEqualTo("run-train-r2"));
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.TrainingJobNameTaken, EventReason.TrainingStarted);
    }

    @Test
    void eachFailedPodIsCountedOnceWhileTheJobRetries() {
        TrainingJob running = started();
        JobOutcome retrying = new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 1);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(running, seen(dataset(snapshot(T0, null)), own("run-train", retrying)), T0.plusSeconds(60));
        assertThat(plan.status().getFailedAttempts()).isEqualTo(1);
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.TrainingRetried);

        TrainingPlanner.Plan again = TrainingPlanner.plan(after(running, plan), seen(dataset(snapshot(T0, null)), own("run-train", retrying)), T0.plusSeconds(90));
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aFailedJobFailsTheRunWithItsReason() {
        JobOutcome failed = new JobOutcome(JobOutcome.State.Failed, Optional.empty(), "BackoffLimitExceeded", "max_depth is not an integer", 3);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(started(), seen(dataset(snapshot(T0, null)), own("run-train", failed)), T0.plusSeconds(60));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(readyReason(plan)).isEqualTo("BackoffLimitExceeded");
        assertThat(plan.finished()).contains(TrainingPhase.Failed);
    }

    @Test
    void aTrainingJobDeletedBeforeItFinishedFailsTheRun() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(started(), seen(dataset(snapshot(T0, null))), T0.plusSeconds(60));

        assertThat(readyReason(plan)).isEqualTo("JobDeleted");
    }

    @Test
    void aStatusNamingAJobAnotherOwnerHoldsFailsTheRunInsteadOfFollowingThatJob() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(started(), seen(dataset(snapshot(T0, null)), foreign("run-train")), T0.plusSeconds(60));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(readyReason(plan)).isEqualTo("JobNotOwned");
        assertThat(plan.register()).isEmpty();
    }

    @Test
    void aSucceededJobRegistersItsVersionWithTheGateDecision() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(started(), seen(dataset(snapshot(T0, null)), own("run-train", succeeded())), T0.plusSeconds(60));

        assertThat(plan.register()).hasValueSatisfying(mv -> {
            assertThat(mv.getMetadata().getName()).isEqualTo("credit-v5");
            assertThat(mv.getSpec().getVersion()).isEqualTo(5);
        });
        assertThat(plan.status().getPhase()).isEqualTo("Succeeded");
        assertThat(plan.status().getModelVersion()).isEqualTo("credit-v5");
        assertThat(readyReason(plan)).isEqualTo("ModelValidated");
        assertThat(plan.finished()).contains(TrainingPhase.Succeeded);
    }

    @Test
    void aHandMadeModelVersionHoldingTheReservedNumberFailsTheRunInsteadOfRetryingForever() {
        ModelVersion handMade = TestObjects.handMadeModelVersion("credit-v5");
        TrainingObservation seen = seen(dataset(snapshot(T0, null)), own("run-train", succeeded())).withRegistered(handMade);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(started(), seen, T0.plusSeconds(60));

        assertThat(plan.register()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(readyReason(plan)).isEqualTo("VersionTaken");
        assertThat(plan.status().getMessage()).contains("credit-v5 already exists and was not registered by this run");
    }

    @Test
    void aModelVersionThisRunAlreadyRegisteredCompletesTheRunWithoutAnotherCreate() {
        TrainingPlanner.Plan first = TrainingPlanner.plan(started(), seen(dataset(snapshot(T0, null)), own("run-train", succeeded())), T0.plusSeconds(60));
        TrainingObservation seen = seen(dataset(snapshot(T0, null)), own("run-train", succeeded())).withRegistered(first.register().orElseThrow());

        TrainingPlanner.Plan plan = TrainingPlanner.plan(started(), seen, T0.plusSeconds(60));

        assertThat(plan.register()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void aFinishedRunIsNeverLeft() {
        TrainingJob done = after(started(), TrainingPlanner.plan(started(), seen(dataset(snapshot(T0, null))), T0.plusSeconds(60)));

        TrainingPlanner.Plan plan = TrainingPlanner.plan(done, seen(dataset(snapshot(T0, null)), own("run-train", succeeded())), T0.plusSeconds(90));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(plan.events()).isEmpty();
        assertThat(plan.finished()).isEmpty();
    }

    @Test
    void freshDataIsNotAPrepareThatStartedBeforeTheRequestHoweverLateItFinished() {
        Instant requested = T0.plusSeconds(30);
        Dataset dataset = dataset(snapshot(T0, null));
        dataset.getStatus().getLatestSnapshot().setPreparedAt("2026-01-01T10:01:00Z");

        TrainingPlanner.Plan plan = TrainingPlanner.plan(retrain(requested), seen(dataset), T0.plusSeconds(60));

        assertThat(readyReason(plan)).isEqualTo("WaitingForFreshData");
        assertThat(plan.reserveFrom()).isEmpty();
        assertThat(plan.requeueAfter()).contains(Duration.ofHours(2).minusSeconds(30).plusSeconds(1));
    }

    @Test
    void freshDataIsASnapshotWhosePrepareAnsweredTheRequest() {
        Instant requested = T0;
        Dataset dataset = dataset(snapshot(T0, "2026-01-01T10:00:00Z"));

        assertThat(TrainingPlanner.plan(retrain(requested), seen(dataset), T0.plusSeconds(60)).reserveFrom()).isPresent();
    }

    @Test
    void aFailedPrepareAnsweringTheRequestFailsTheRunWithTheDatasetsReason() {
        Dataset dataset = dataset(snapshot(T0.minusSeconds(3600), null));
        dataset.getStatus().setPrepareOutcome(PrepareOutcome.Failed);
        dataset.getStatus().setPrepareStartedAt("2026-01-01T10:00:00Z");
        dataset.getStatus().setPrepareRefreshRequest("2026-01-01T10:00:00Z");
        Conditions.set(dataset.getStatus(), Conditions.READY, ConditionStatus.False, "ValidationFailed", "row 12: 'abc' is not a number", 1, T0);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(retrain(T0), seen(dataset), T0.plusSeconds(60));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(readyReason(plan)).isEqualTo("FreshDataFailed");
        assertThat(plan.status().getMessage()).contains("row 12: 'abc' is not a number");
    }

    @Test
    void aFailedPrepareFromBeforeTheRequestIsNotItsAnswer() {
        Dataset dataset = dataset(null);
        dataset.getStatus().setPrepareOutcome(PrepareOutcome.Failed);
        dataset.getStatus().setPrepareStartedAt("2026-01-01T09:00:00Z");

        assertThat(readyReason(TrainingPlanner.plan(retrain(T0), seen(dataset), T0.plusSeconds(60)))).isEqualTo("WaitingForFreshData");
    }

    @Test
    void waitingForFreshDataEndsAtTheDeadlineAsFailed() {
        TrainingJob retrain = retrain(T0);
        retrain.getSpec().setFreshDataTimeout("30m");

        TrainingPlanner.Plan plan = TrainingPlanner.plan(retrain, seen(dataset(snapshot(T0.minusSeconds(60), null))), T0.plusSeconds(1800));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(readyReason(plan)).isEqualTo("FreshDataTimeout");
        assertThat(plan.finished()).contains(TrainingPhase.Failed);
    }

    @Test
    void aSearchStartsTrialsInsteadOfTheTrainingJob() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(searching(), seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0);

        assertThat(plan.createJob()).isEmpty();
        assertThat(plan.startTrials()).extracting(TrainingPlanner.StartTrial::name).containsExactly("run-t0", "run-t1");
        assertThat(plan.startTrials()).allSatisfy(trial -> {
            assertThat(trial.version()).isEqualTo(5);
            assertThat(trial.snapshotUri()).isEqualTo("pvc://mlops-store/datasets/credit/sha256-cd");
        });
        assertThat(plan.status().getPhase()).isEqualTo("Running");
        assertThat(plan.status().getJobName()).isNull();
        assertThat(readyReason(plan)).isEqualTo("Searching");
    }

    @Test
    void whenTheSearchEndsTheBestTrialsHyperparametersTrainTheRun() {
        TrainingJob searching = searching();
        TrainingPlanner.Plan first = TrainingPlanner.plan(searching, seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0);
        TrainingJob started = after(searching, first);
        String best = first.status().getSearch().getTrials().get(1).getParameters().get("max_depth");

        TrainingPlanner.Plan plan = TrainingPlanner.plan(started, seen(dataset(snapshot(T0, null)),
                own("run-t0", trial(0.71)), own("run-t1", trial(0.78))), T0.plusSeconds(600));

        assertThat(plan.createJob()).hasValueSatisfying(start -> {
            assertThat(start.name()).isEqualTo("run-train");
            assertThat(start.hyperparameters()).containsEntry("max_depth", best).containsEntry("eta", "0.1");
        });
        assertThat(plan.status().getSearch().getBestTrial()).isEqualTo(1);
        assertThat(plan.status().getMessage()).contains("best trial's hyperparameters (trial 1");
    }

    @Test
    void theModelVersionOfASearchCarriesEveryTrialInItsLineage() {
        TrainingJob searching = searching();
        TrainingJob started = after(searching, TrainingPlanner.plan(searching, seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0));
        started = after(started, TrainingPlanner.plan(started, seen(dataset(snapshot(T0, null)),
                own("run-t0", trial(0.71)), own("run-t1", trial(0.78))), T0.plusSeconds(600)));

        TrainingPlanner.Plan plan = TrainingPlanner.plan(started, seen(dataset(snapshot(T0, null)), own("run-train", succeeded())), T0.plusSeconds(900));

        assertThat(plan.register()).hasValueSatisfying(mv -> {
            assertThat(mv.getSpec().getSource().getSearch().getTrials()).extracting(t -> t.getIndex()).containsExactly(1, 0);
            assertThat(mv.getSpec().getSource().getSearch().getBestObjective()).isEqualTo(0.78);
        });
        assertThat(plan.status().getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void aSearchWhoseTrialsAllFailedFailsTheRun() {
        TrainingJob searching = searching();
        TrainingJob started = after(searching, TrainingPlanner.plan(searching, seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0));
        JobOutcome oom = new JobOutcome(JobOutcome.State.Failed, Optional.empty(), "BackoffLimitExceeded", "OOMKilled", 3);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(started, seen(dataset(snapshot(T0, null)), own("run-t0", oom), own("run-t1", oom)), T0.plusSeconds(600));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(readyReason(plan)).isEqualTo("SearchFailed");
        assertThat(plan.createJob()).isEmpty();
    }

    @Test
    void aRunOnTwoWorkersStartsOneJobForTheGroupAndAsksForItsService() {
        TrainingPlanner.Plan plan = TrainingPlanner.plan(onWorkers(2), seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0);

        assertThat(plan.createJob()).hasValueSatisfying(start -> {
            assertThat(start.name()).isEqualTo("run-train");
            assertThat(start.workers()).isEqualTo(2);
        });
    }

    @Test
    void aWorkerGroupWhoseWorkersDiedCountsTheAttemptOnceAndStartsTheNextAsANewJob() {
        TrainingJob running = startedOn(2);
        JobOutcome twoWorkersDied = new JobOutcome(JobOutcome.State.Failed, Optional.empty(), TrainingPlanner.GROUP_ATTEMPT_FAILED,
                "worker 1 of 2 could not join the group", 2);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(running, seen(dataset(snapshot(T0, null)), own("run-train", twoWorkersDied)), T0.plusSeconds(60));

        assertThat(plan.status().getFailedAttempts()).as("one attempt, however many of its workers failed").isEqualTo(1);
        assertThat(plan.status().getPhase()).isEqualTo("Running");
        assertThat(plan.status().getJobName()).isEqualTo("run-train-r2");
        assertThat(plan.createJob()).hasValueSatisfying(start -> {
            assertThat(start.name()).isEqualTo("run-train-r2");
            assertThat(start.version()).isEqualTo(5);
            assertThat(start.workers()).isEqualTo(2);
        });
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.TrainingRetried);
    }

    @Test
    void aWorkerGroupStillRunningIgnoresItsFailedPodCountUntilTheJobHasFailed() {
        JobOutcome onePodFailed = new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 1);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(startedOn(2), seen(dataset(snapshot(T0, null)), own("run-train", onePodFailed)), T0.plusSeconds(60));

        assertThat(plan.status().getFailedAttempts()).isZero();
        assertThat(plan.events()).isEmpty();
        assertThat(plan.createJob()).isEmpty();
    }

    @Test
    void aWorkerGroupThatUsedItsLastAttemptFailsTheRunCountingEveryAttempt() {
        TrainingJob running = startedOn(2);
        running.getSpec().setBackoffLimit(1);
        running.getStatus().setFailedAttempts(1);
        running.getStatus().setJobName("run-train-r2");
        JobOutcome died = new JobOutcome(JobOutcome.State.Failed, Optional.empty(), TrainingPlanner.GROUP_ATTEMPT_FAILED, "worker 0 died", 1);

        TrainingPlanner.Plan plan = TrainingPlanner.plan(running, seen(dataset(snapshot(T0, null)), own("run-train-r2", died)), T0.plusSeconds(60));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(plan.status().getFailedAttempts()).isEqualTo(2);
        assertThat(plan.createJob()).isEmpty();
    }

    @Test
    void aWorkerGroupStoppedByBadInputOrItsDeadlineIsNotTriedAgain() {
        for (String reason : List.of("PodFailurePolicy", "DeadlineExceeded")) {
            JobOutcome stopped = new JobOutcome(JobOutcome.State.Failed, Optional.empty(), reason, "unknown hyperparameter max_detph", 1);

            TrainingPlanner.Plan plan = TrainingPlanner.plan(startedOn(2), seen(dataset(snapshot(T0, null)), own("run-train", stopped)), T0.plusSeconds(60));

            assertThat(plan.status().getPhase()).as(reason).isEqualTo("Failed");
            assertThat(readyReason(plan)).isEqualTo(reason);
            assertThat(plan.createJob()).isEmpty();
        }
    }

    @Test
    void theNextAttemptOfAWorkerGroupSkipsANameAnotherOwnerHoldsAndTakesUpItsOwnJob() {
        JobOutcome died = new JobOutcome(JobOutcome.State.Failed, Optional.empty(), TrainingPlanner.GROUP_ATTEMPT_FAILED, "worker 1 died", 1);
        JobOutcome running = new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0);

        TrainingPlanner.Plan skipping = TrainingPlanner.plan(startedOn(2), seen(dataset(snapshot(T0, null)), own("run-train", died), foreign("run-train-r2")),
                T0.plusSeconds(60));
        TrainingPlanner.Plan takingUp = TrainingPlanner.plan(startedOn(2), seen(dataset(snapshot(T0, null)), own("run-train", died),
                own("run-train-r2", running)), T0.plusSeconds(60));

        assertThat(skipping.createJob()).hasValueSatisfying(start -> assertThat(start.name()).isEqualTo("run-train-r3"));
        assertThat(takingUp.createJob()).as("made by a pass whose status patch was lost").isEmpty();
        assertThat(takingUp.status().getJobName()).isEqualTo("run-train-r2");
    }

    private static TrainingJob onWorkers(int workers) {
        TrainingJob run = run();
        run.getSpec().setWorkers(workers);
        return run;
    }

    /** A run on {@code workers} workers that started training version 5 at T0. */
    private static TrainingJob startedOn(int workers) {
        return after(onWorkers(workers), TrainingPlanner.plan(onWorkers(workers), seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0));
    }

    /** A run that searches max_depth over two trials at once, with eta fixed. */
    private static TrainingJob searching() {
        TrainingJob run = run();
        run.getSpec().setHyperparameters(new LinkedHashMap<>(Map.of("eta", "0.1")));
        Search search = new Search();
        ParameterSpace depth = new ParameterSpace();
        depth.setMin(2.0);
        depth.setMax(8.0);
        depth.setType(ParameterType.integer);
        search.setSpace(Map.of("max_depth", depth));
        search.setMaxTrials(2);
        search.setParallelism(2);
        SearchObjective objective = new SearchObjective();
        objective.setMetric(dev.seed.mlops.api.v1alpha1.Metric.auc);
        objective.setDirection(SearchDirection.maximize);
        search.setObjective(objective);
        run.getSpec().setSearch(search);
        return run;
    }

    private static JobOutcome trial(double validationAuc) {
        JobResult result = new JobResult("train", true, "ab".repeat(32), null, null, null, null, Map.of("validation.auc", validationAuc), "trial");
        return new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0);
    }

    private static TrainingJob run() {
        TrainingJob run = TestObjects.trainingJob("run", "credit");
        run.getMetadata().setNamespace("ml");
        run.getMetadata().setUid("run-uid");
        run.getMetadata().setGeneration(1L);
        run.getSpec().setModel("credit");
        run.getSpec().getEvaluation().getGates().removeIf(g -> g.getMetric() == dev.seed.mlops.api.v1alpha1.Metric.logLoss);
        run.getSpec().getEvaluation().setMustBeatServing(null);
        return run;
    }

    private static TrainingJob retrain(Instant snapshotAfter) {
        TrainingJob retrain = run();
        retrain.getMetadata().setAnnotations(Map.of(Labels.SNAPSHOT_AFTER, snapshotAfter.toString()));
        return retrain;
    }

    /** A run that started training version 5 at T0. */
    private static TrainingJob started() {
        return after(run(), TrainingPlanner.plan(run(), seen(dataset(snapshot(T0, null))).withReservedVersion(5), T0));
    }

    private static TrainingJob after(TrainingJob trainingJob, TrainingPlanner.Plan plan) {
        trainingJob.setStatus(plan.status());
        return trainingJob;
    }

    private static DatasetSnapshot snapshot(Instant startedAt, String refreshRequest) {
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest(DIGEST);
        snapshot.setUri("pvc://mlops-store/datasets/credit/sha256-cd");
        snapshot.setStartedAt(startedAt.toString());
        snapshot.setPreparedAt(startedAt.plusSeconds(20).toString());
        snapshot.setRefreshRequest(refreshRequest);
        return snapshot;
    }

    /** The credit Dataset, Ready with {@code latest}, or not yet prepared when it is null. */
    private static Dataset dataset(DatasetSnapshot latest) {
        Dataset dataset = TestObjects.dataset("credit");
        dataset.setStatus(new DatasetStatus());
        if (latest != null) {
            dataset.getStatus().setLatestSnapshot(latest);
            dataset.getStatus().setSnapshots(new ArrayList<>(List.of(latest)));
            Conditions.set(dataset.getStatus(), Conditions.READY, ConditionStatus.True, "SnapshotReady", "", 1, T0);
        }
        return dataset;
    }

    private static JobOutcome succeeded() {
        JobResult result = TestObjects.trained("credit", 5, GOOD);
        return new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0);
    }

    private static ObservedJob own(String name, JobOutcome outcome) {
        return new ObservedJob(name, true, T0, outcome, "TrainingJob run (uid run-uid)");
    }

    private static ObservedJob foreign(String name) {
        return new ObservedJob(name, false, T0.minusSeconds(86400), new JobOutcome(JobOutcome.State.Succeeded, Optional.empty(), "", "", 0),
                "TrainingJob run (uid old-uid)");
    }

    /** What the caches show: the Dataset (or none), these Jobs, versions 1 to 3 of the model registered. */
    private static TrainingObservation seen(Dataset dataset, ObservedJob... jobs) {
        Map<String, ObservedJob> byName = new LinkedHashMap<>();
        for (ObservedJob job : jobs) {
            byName.put(job.name(), job);
        }
        return new TrainingObservation(Optional.ofNullable(dataset), byName, Optional.empty(), Optional.empty(), 4, OptionalLong.empty());
    }

    private static String readyReason(TrainingPlanner.Plan plan) {
        return Conditions.find(plan.status(), "Ready").orElseThrow().getReason();
    }
}
