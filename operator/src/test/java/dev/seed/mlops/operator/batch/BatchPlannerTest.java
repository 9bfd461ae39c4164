package dev.seed.mlops.operator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.BatchDatasetInput;
import dev.seed.mlops.api.v1alpha1.BatchInput;
import dev.seed.mlops.api.v1alpha1.BatchInputSplit;
import dev.seed.mlops.api.v1alpha1.BatchModelSource;
import dev.seed.mlops.api.v1alpha1.BatchOutput;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.BatchPredictionSpec;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.DatasetStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelArtifactRef;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.api.v1alpha1.ShardProgress;
import dev.seed.mlops.artifact.BatchShardMetrics;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per decision of the BatchPrediction planner. */
class BatchPlannerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String ARTIFACT = "pvc://mlops-store/models/credit/3";

    @Test
    void aPinnedModelStartsTheGenerationsRunWithTheResolvedModelAndInput() {
        BatchPlanner.Plan plan = BatchPlanner.plan(bp(), seen(Map.of()), T0);

        BatchJobs.RunInputs run = plan.start().orElseThrow();
        assertThat(run.run()).isEqualTo("g1");
        assertThat(run.modelVersion()).isEqualTo("credit-v3");
        assertThat(run.artifactUri()).isEqualTo(ARTIFACT);
        assertThat(run.inputUris()).containsExactly("pvc://data/in/scoring.csv.gz");
        assertThat(run.outputUri()).isEqualTo("pvc://data/out/g1");
        assertThat(plan.status().getPhase()).isEqualTo("Running");
        assertThat(plan.status().getLastRun().getShards()).extracting(ShardProgress::getPhase).containsExactly("Pending", "Pending");
        assertThat(condition(plan, "Progressing")).isEqualTo(ConditionStatus.True);
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.BatchRunStarted);
    }

    @Test
    void fromInferenceServiceTakesTheVersionItServesAsStableWhenTheRunStarts() {
        BatchPrediction bp = bp();
        bp.getSpec().getModel().setModelVersion(null);
        bp.getSpec().getModel().setFromInferenceService("credit");

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, new BatchObservation(Map.of(), Optional.empty(), Optional.of(service("credit-v4")),
                Optional.of(modelVersion("credit-v4", "pvc://mlops-store/models/credit/4")), Optional.empty()), T0);

        assertThat(plan.start().orElseThrow().modelVersion()).isEqualTo("credit-v4");
        assertThat(plan.status().getLastRun().getModelVersion()).isEqualTo("credit-v4");
        assertThat(plan.status().getLastRun().getArtifactUri()).isEqualTo("pvc://mlops-store/models/credit/4");
    }

    @Test
    void aRunWaitsWhileTheServiceServesNoStableVersion() {
        BatchPrediction bp = bp();
        bp.getSpec().getModel().setModelVersion(null);
        bp.getSpec().getModel().setFromInferenceService("credit");

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, new BatchObservation(Map.of(), Optional.empty(), Optional.of(service(null)),
                Optional.empty(), Optional.empty()), T0);

        assertThat(plan.start()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo("Pending");
        assertThat(Conditions.find(plan.status(), "Ready").orElseThrow().getReason()).isEqualTo("NoStableVersion");
        assertThat(plan.requeueAfter()).contains(BatchPlanner.RESOLVE_AGAIN);
    }

    @Test
    void aMissingModelVersionKeepsTheRunPending() {
        BatchPlanner.Plan plan = BatchPlanner.plan(bp(), new BatchObservation(Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), T0);

        assertThat(plan.start()).isEmpty();
        assertThat(Conditions.find(plan.status(), "Ready").orElseThrow().getReason()).isEqualTo("ModelVersionNotFound");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.WaitingForModel);
    }

    @Test
    void anArtifactOnS3StartsARunThatReadsItThere() {
        BatchPlanner.Plan plan = BatchPlanner.plan(bp(), new BatchObservation(Map.of(),
                Optional.of(modelVersion("credit-v3", "s3://lake/models/credit/3")), Optional.empty(), Optional.empty(), Optional.empty()), T0);

        assertThat(plan.start().orElseThrow().artifactUri()).isEqualTo("s3://lake/models/credit/3");
        assertThat(plan.status().getPhase()).isEqualTo("Running");
    }

    @Test
    void anArtifactOutsideAVolumeClaimAndS3IsRefused() {
        BatchPlanner.Plan plan = BatchPlanner.plan(bp(), new BatchObservation(Map.of(),
                Optional.of(modelVersion("credit-v3", "gs://bucket/models/credit/3")), Optional.empty(), Optional.empty(), Optional.empty()), T0);

        assertThat(plan.start()).isEmpty();
        assertThat(Conditions.find(plan.status(), "Ready").orElseThrow().getMessage()).contains("gs://bucket/models/credit/3", "pvc://", "s3://");
        assertThat(plan.events()).singleElement().extracting(PlannedEvent::warning).isEqualTo(true);
    }

    @Test
    void aDatasetInputReadsTheSplitFilesOfItsLatestReadySnapshot() {
        BatchPrediction bp = bp();
        BatchDatasetInput dataset = new BatchDatasetInput();
        dataset.setName("credit");
        dataset.setSplit(BatchInputSplit.all);
        bp.getSpec().getInput().setUri(null);
        bp.getSpec().getInput().setDataset(dataset);

        BatchPlanner.Plan waiting = BatchPlanner.plan(bp, seenWithDataset(Optional.empty()), T0);
        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seenWithDataset(Optional.of(readyDataset())), T0);

        assertThat(waiting.start()).isEmpty();
        assertThat(Conditions.find(waiting.status(), "Ready").orElseThrow().getReason()).isEqualTo("WaitingForSnapshot");
        assertThat(plan.start().orElseThrow().inputUris()).containsExactly(
                "pvc://mlops-store/datasets/credit/sha256-aa/train.csv",
                "pvc://mlops-store/datasets/credit/sha256-aa/validation.csv",
                "pvc://mlops-store/datasets/credit/sha256-aa/test.csv");
    }

    @Test
    void aShardsFailedAttemptIsReportedOnceAndNeverUncounted() {
        BatchPrediction bp = started(bp());
        ObservedRun oneFailure = run("credit-g1", ObservedRun.State.Running,
                shard(0, 1, true, false, false, null, "out of memory"), shard(1, 0, true, false, false, null, null));

        BatchPlanner.Plan first = BatchPlanner.plan(bp, seen(Map.of("credit-g1", oneFailure)), T0.plusSeconds(30));
        BatchPrediction after = withStatus(bp, first);
        BatchPlanner.Plan again = BatchPlanner.plan(after, seen(Map.of("credit-g1", oneFailure)), T0.plusSeconds(40));
        ObservedRun podsCollected = run("credit-g1", ObservedRun.State.Running,
                shard(0, 0, true, false, false, null, null), shard(1, 0, true, false, false, null, null));
        BatchPlanner.Plan collected = BatchPlanner.plan(withStatus(after, again), seen(Map.of("credit-g1", podsCollected)), T0.plusSeconds(50));

        assertThat(first.events()).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(EventReason.BatchShardRetried);
            assertThat(event.message()).contains("shard 0", "attempt 1 of 3", "out of memory", "retried alone");
        });
        assertThat(again.events()).isEmpty();
        assertThat(collected.status().getLastRun().getShards().get(0).getFailedAttempts()).isEqualTo(1);
        assertThat(collected.status().getLastRun().getShards()).extracting(ShardProgress::getPhase).containsExactly("Running", "Running");
    }

    @Test
    void aCompletedJobFinishesTheRunOnceWithRowsSpeedAndThePublishedDrift() {
        BatchPrediction bp = started(bp());
        ObservedRun done = completed("credit-g1", T0.plusSeconds(100));

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen(Map.of("credit-g1", done)), T0.plusSeconds(100));
        BatchPlanner.Plan again = BatchPlanner.plan(withStatus(bp, plan), seen(Map.of("credit-g1", done)), T0.plusSeconds(110));

        var run = plan.status().getLastRun();
        assertThat(run.getPhase()).isEqualTo("Succeeded");
        assertThat(run.getRowsIn()).isEqualTo(1000);
        assertThat(run.getRowsOut()).isEqualTo(1000);
        assertThat(run.getDurationSeconds()).isEqualTo(100.0);
        assertThat(run.getRowsPerSecond()).isEqualTo(10.0);
        assertThat(run.getShards()).extracting(ShardProgress::getRows).containsExactly(600L, 400L);
        assertThat(run.getDrift().getMaxFeature()).isEqualTo("income");
        assertThat(run.getDrift().getMaxScore()).isEqualTo(0.31);
        assertThat(run.getDrift().getPrediction()).isEqualTo(0.02);
        assertThat(plan.status().getSucceededRuns()).isEqualTo(1);
        assertThat(plan.status().getLastSuccessfulOutputUri()).isEqualTo("pvc://data/out/g1");
        assertThat(plan.finished()).isPresent();
        assertThat(condition(plan, "Ready")).isEqualTo(ConditionStatus.True);
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.BatchRunSucceeded);
        assertThat(again.status().getSucceededRuns()).isEqualTo(1);
        assertThat(again.finished()).isEmpty();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aCompletedJobWhoseResultsAreNotInTheCacheYetIsWaitedFor() {
        BatchPrediction bp = started(bp());
        ObservedRun noResults = new ObservedRun("credit-g1", true, T0, inputs(), ObservedRun.State.Succeeded, "Complete", "",
                Optional.of(T0.plusSeconds(100)), Map.of(0, shard(0, 0, false, true, false, null, null), 1, shard(1, 0, false, true, false, null, null)));

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen(Map.of("credit-g1", noResults)), T0.plusSeconds(110));
        BatchPlanner.Plan late = BatchPlanner.plan(bp, seen(Map.of("credit-g1", noResults)), T0.plusSeconds(100).plus(BatchPlanner.RESULT_GRACE));

        assertThat(plan.status().getLastRun().getPhase()).isEqualTo("Running");
        assertThat(plan.requeueAfter()).contains(BatchPlanner.LOOK_AGAIN);
        assertThat(late.status().getLastRun().getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void aFailedJobFailsTheRunNamingTheShardAndWhatItSaid() {
        BatchPrediction bp = started(bp());
        ObservedRun failed = new ObservedRun("credit-g1", true, T0, inputs(), ObservedRun.State.Failed, "FailedIndexes", "Job has failed indexes",
                Optional.of(T0.plusSeconds(60)), Map.of(0, shard(0, 3, false, false, true, null, "input.csv line 7: feature 'age' is numeric"),
                1, shard(1, 0, false, true, false, result(1, 400, false), null)));

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen(Map.of("credit-g1", failed)), T0.plusSeconds(60));

        assertThat(plan.status().getPhase()).isEqualTo("Failed");
        assertThat(plan.status().getLastRun().getMessage()).isEqualTo("shard 0 failed 3 time(s) (input.csv line 7: feature 'age' is numeric)");
        assertThat(plan.status().getFailedRuns()).isEqualTo(1);
        assertThat(condition(plan, "Ready")).isEqualTo(ConditionStatus.False);
        assertThat(condition(plan, "Degraded")).isEqualTo(ConditionStatus.True);
        assertThat(plan.events()).singleElement().satisfies(event -> {
            assertThat(event.warning()).isTrue();
            assertThat(event.reason()).isEqualTo(EventReason.BatchRunFailed);
        });
    }

    @Test
    void aRunWhoseJobWasDeletedFails() {
        BatchPlanner.Plan plan = BatchPlanner.plan(started(bp()), seen(Map.of()), T0.plusSeconds(5));

        assertThat(plan.status().getLastRun().getPhase()).isEqualTo("Failed");
        assertThat(plan.status().getLastRun().getMessage()).contains("credit-g1 was deleted");
    }

    @Test
    void aSpecChangeStartsTheNewGenerationsRunOnceTheCurrentOneFinished() {
        BatchPrediction bp = started(bp());
        bp.getMetadata().setGeneration(2L);

        BatchPlanner.Plan whileRunning = BatchPlanner.plan(bp, seen(Map.of("credit-g1", run("credit-g1", ObservedRun.State.Running))), T0.plusSeconds(5));
        BatchPlanner.Plan afterwards = BatchPlanner.plan(bp, seen(Map.of("credit-g1", completed("credit-g1", T0.plusSeconds(10)))), T0.plusSeconds(80));

        assertThat(whileRunning.start()).isEmpty();
        assertThat(afterwards.start().orElseThrow().run()).isEqualTo("g2");
        assertThat(afterwards.status().getSucceededRuns()).isEqualTo(1);
    }

    @Test
    void aFinishedRunOfTheCurrentGenerationIsNotRunAgain() {
        BatchPrediction bp = started(bp());
        BatchPrediction finished = withStatus(bp, BatchPlanner.plan(bp, seen(Map.of("credit-g1", completed("credit-g1", T0))), T0.plusSeconds(70)));

        BatchPlanner.Plan plan = BatchPlanner.plan(finished, seen(Map.of()), T0.plusSeconds(3600));

        assertThat(plan.start()).isEmpty();
        assertThat(plan.status().getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void aScheduleStartsTheLatestDueRunAndWaitsForTheNext() {
        BatchPrediction bp = bp();
        bp.getSpec().setSchedule("*/10 * * * *");

        BatchPlanner.Plan before = BatchPlanner.plan(bp, seen(Map.of()), T0.plusSeconds(5 * 60));
        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen(Map.of()), T0.plusSeconds(25 * 60));

        assertThat(before.start()).isEmpty();
        assertThat(before.status().getPhase()).isEqualTo("Scheduled");
        assertThat(before.status().getNextScheduleTime()).isEqualTo("2026-01-01T10:10:00Z");
        assertThat(before.requeueAfter()).contains(Duration.ofSeconds(5 * 60 + 1));
        BatchJobs.RunInputs run = plan.start().orElseThrow();
        assertThat(run.scheduledAt()).isEqualTo(Instant.parse("2026-01-01T10:20:00Z"));
        assertThat(run.run()).isEqualTo(BatchJobs.scheduledRun(Instant.parse("2026-01-01T10:20:00Z")));
        assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-01-01T10:20:00Z");
        assertThat(plan.status().getNextScheduleTime()).isEqualTo("2026-01-01T10:30:00Z");
    }

    @Test
    void aRunDueWhileAnotherRunsIsSkipped() {
        BatchPrediction bp = bp();
        bp.getSpec().setSchedule("*/10 * * * *");
        BatchPrediction running = withStatus(bp, BatchPlanner.plan(bp, seen(Map.of()), T0.plusSeconds(10 * 60)));
        String job = running.getStatus().getLastRun().getJobName();

        BatchPlanner.Plan plan = BatchPlanner.plan(running, seen(Map.of(job, run(job, ObservedRun.State.Running))), T0.plusSeconds(20 * 60));

        assertThat(plan.start()).isEmpty();
        assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-01-01T10:20:00Z");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.BatchRunSkipped);
    }

    @Test
    void anUnreadableScheduleIsRefusedWithTheReason() {
        BatchPrediction bp = bp();
        bp.getSpec().setSchedule("0 25 * * *");

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen(Map.of()), T0);

        assertThat(plan.start()).isEmpty();
        assertThat(Conditions.find(plan.status(), "Ready").orElseThrow().getMessage()).contains("schedule '0 25 * * *' cannot be read", "Value 25 not in range [0, 23]");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.InvalidSchedule);
    }

    @Test
    void historyLimitsDeleteTheOldestFinishedJobsOfEachOutcome() {
        BatchPrediction bp = bp();
        bp.getSpec().setSchedule("@hourly");
        bp.getSpec().setSuccessfulRunsHistoryLimit(2);
        bp.getSpec().setFailedRunsHistoryLimit(1);
        Map<String, ObservedRun> runs = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            runs.put("s" + i, finishedAt("s" + i, ObservedRun.State.Succeeded, T0.plusSeconds(i * 3600L)));
            runs.put("f" + i, finishedAt("f" + i, ObservedRun.State.Failed, T0.plusSeconds(i * 3600L + 60)));
        }

        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen(runs), T0.plusSeconds(4 * 3600L + 120));

        assertThat(plan.delete()).containsExactlyInAnyOrder("s2", "s1", "f3", "f2", "f1");
    }

    @Test
    void aJobStartedByAPassWhoseStatusWasLostIsTakenBack() {
        ObservedRun existing = run("credit-g1", ObservedRun.State.Running);

        BatchPlanner.Plan plan = BatchPlanner.plan(bp(), seen(Map.of("credit-g1", existing)), T0.plusSeconds(3));

        assertThat(plan.start()).isEmpty();
        assertThat(plan.status().getLastRun().getName()).isEqualTo("g1");
        assertThat(plan.status().getLastRun().getModelVersion()).isEqualTo("credit-v3");
        assertThat(plan.status().getPhase()).isEqualTo("Running");
    }

    // --- objects

    private static BatchPrediction bp() {
        BatchModelSource model = new BatchModelSource();
        model.setModelVersion("credit-v3");
        BatchInput input = new BatchInput();
        input.setUri("pvc://data/in/scoring.csv.gz");
        BatchOutput output = new BatchOutput();
        output.setUri("pvc://data/out");
        BatchPredictionSpec spec = new BatchPredictionSpec();
        spec.setModel(model);
        spec.setInput(input);
        spec.setOutput(output);
        spec.setShards(2);
        BatchPrediction bp = new BatchPrediction();
        bp.setMetadata(new ObjectMetaBuilder().withName("credit").withNamespace("ns").withUid("uid-1").withGeneration(1L)
                .withCreationTimestamp(Timestamps.format(T0)).build());
        bp.setSpec(spec);
        return bp;
    }

    private static BatchPrediction started(BatchPrediction bp) {
        return withStatus(bp, BatchPlanner.plan(bp, seen(Map.of()), T0));
    }

    private static BatchPrediction withStatus(BatchPrediction bp, BatchPlanner.Plan plan) {
        bp.setStatus(plan.status());
        return bp;
    }

    private static BatchObservation seen(Map<String, ObservedRun> runs) {
        return new BatchObservation(runs, Optional.of(modelVersion("credit-v3", ARTIFACT)), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static BatchObservation seenWithDataset(Optional<Dataset> dataset) {
        return new BatchObservation(Map.of(), Optional.of(modelVersion("credit-v3", ARTIFACT)), Optional.empty(), Optional.empty(), dataset);
    }

    private static ModelVersion modelVersion(String name, String uri) {
        ModelArtifactRef artifact = new ModelArtifactRef();
        artifact.setUri(uri);
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setArtifact(artifact);
        ModelVersion mv = new ModelVersion();
        mv.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
        mv.setSpec(spec);
        return mv;
    }

    private static InferenceService service(String stable) {
        InferenceService isvc = new InferenceService();
        isvc.setMetadata(new ObjectMetaBuilder().withName("credit").withNamespace("ns").build());
        InferenceServiceStatus status = new InferenceServiceStatus();
        if (stable != null) {
            ServingVersion version = new ServingVersion();
            version.setModelVersion(stable);
            status.setStable(version);
        }
        isvc.setStatus(status);
        return isvc;
    }

    private static Dataset readyDataset() {
        DatasetSnapshot snapshot = new DatasetSnapshot();
        snapshot.setDigest("sha256:" + "aa".repeat(32));
        snapshot.setUri("pvc://mlops-store/datasets/credit/sha256-aa");
        DatasetStatus status = new DatasetStatus();
        status.setLatestSnapshot(snapshot);
        status.getSnapshots().add(snapshot);
        Conditions.set(status, "Ready", ConditionStatus.True, "SnapshotReady", "", 1, T0);
        Dataset dataset = new Dataset();
        dataset.setMetadata(new ObjectMetaBuilder().withName("credit").withNamespace("ns").build());
        dataset.setStatus(status);
        return dataset;
    }

    private static BatchJobs.RunInputs inputs() {
        return new BatchJobs.RunInputs("g1", "credit-v3", ARTIFACT, List.of("pvc://data/in/scoring.csv.gz"), "pvc://data/out/g1", null);
    }

    private static ObservedRun run(String job, ObservedRun.State state, ObservedRun.ObservedShard... shards) {
        Map<Integer, ObservedRun.ObservedShard> byIndex = new HashMap<>();
        for (ObservedRun.ObservedShard shard : shards) {
            byIndex.put(shard.index(), shard);
        }
        return new ObservedRun(job, true, T0, inputs(), state, state.name(), "", Optional.empty(), byIndex);
    }

    private static ObservedRun completed(String job, Instant at) {
        return new ObservedRun(job, true, T0, inputs(), ObservedRun.State.Succeeded, "Complete", "", Optional.of(at),
                Map.of(0, shard(0, 0, false, true, false, result(0, 600, false), null),
                        1, shard(1, 0, false, true, false, result(1, 400, true), null)));
    }

    private static ObservedRun finishedAt(String job, ObservedRun.State state, Instant created) {
        return new ObservedRun(job, true, created, inputs(), state, state.name(), "", Optional.of(created), Map.of());
    }

    private static ObservedRun.ObservedShard shard(int index, int failedPods, boolean active, boolean completed, boolean failed,
            JobResult result, String failure) {
        return new ObservedRun.ObservedShard(index, failedPods, active, completed, failed, Optional.ofNullable(result), Optional.ofNullable(failure));
    }

    private static JobResult result(int shard, long rows, boolean published) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(BatchShardMetrics.SHARD, (double) shard);
        metrics.put(BatchShardMetrics.ROWS_OUT, (double) rows);
        if (published) {
            metrics.put(BatchShardMetrics.PUBLISHED, 1.0);
            metrics.put(BatchShardMetrics.RUN_ROWS, 1000.0);
            metrics.put(BatchShardMetrics.DRIFT_PREDICTION, 0.02);
            metrics.put(BatchShardMetrics.DRIFT_FEATURE_PREFIX + "income", 0.31);
            metrics.put(BatchShardMetrics.DRIFT_FEATURE_PREFIX + "age", 0.01);
        }
        return new JobResult(BatchShardMetrics.COMMAND, true, null, "pvc://data/out/g1", rows, null, null, metrics, "ok");
    }

    private static ConditionStatus condition(BatchPlanner.Plan plan, String type) {
        return Conditions.find(plan.status(), type).orElseThrow().getStatus();
    }
}
