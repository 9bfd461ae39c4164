package dev.seed.mlops.operator.batch;

import static dev.seed.mlops.operator.TestObjects.batchPrediction;
import static dev.seed.mlops.operator.TestObjects.handMadeModelVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.BatchInput;
import dev.seed.mlops.api.v1alpha1.BatchModelSource;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.ShardProgress;
import dev.seed.mlops.artifact.BatchShardMetrics;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The BatchPrediction reconciler on a real API server, with the chart's RBAC; the test plays the Job controller and
 * the kubelet: Indexed Jobs, shard pods with their completion index and termination message, Job conditions.
 */
@ExtendWith(ApiServerExtension.class)
class BatchPredictionReconcilerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = new OperatorHarness(api, "batch", Map.of());
        cluster.client.resource(handMadeModelVersion("fraud-score-v1")).inNamespace(cluster.namespace).create();
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void aRunScoresInShardsRetriesAFailedShardAloneAndReportsRowsAndDrift() throws Exception {
        BatchPrediction created = cluster.client.resource(pinned("scores", null)).inNamespace(cluster.namespace).create();

        Job job = awaitJob("scores-g1");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid()));
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(2);
        assertThat(job.getSpec().getParallelism()).isEqualTo(2);
        assertThat(job.getSpec().getBackoffLimitPerIndex()).isEqualTo(2);
        assertThat(job.getSpec().getMaxFailedIndexes()).isZero();
        Container shard = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(shard.getImage()).isEqualTo(cluster.settings.inferenceImage());
        assertThat(shard.getCommand()).containsExactly("java");
        assertThat(shard.getArgs()).contains(BatchJobs.SHARD_MAIN, "--artifact", "/mnt/pvc/mlops-store/models/fraud-score/1",
                "--input", "/mnt/pvc/scoring/in/transactions.csv.gz", "--output", "/mnt/pvc/scoring/out/g1", "--shards", "2");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(BatchJobs.MODEL_VERSION, "fraud-score-v1");
        await().untilAsserted(() -> assertThat(current("scores").getStatus().getPhase()).isEqualTo("Running"));

        shardPod(job, 1, "a", "Failed", new JobResult(BatchShardMetrics.COMMAND, false, null, null, null, null, null, null, "OOMKilled"));
        await().untilAsserted(() -> assertThat(current("scores").getStatus().getLastRun().getShards())
                .extracting(ShardProgress::getFailedAttempts).containsExactly(null, 1));
        shardPod(job, 1, "b", "Succeeded", shardResult(1, 400, false));
        shardPod(job, 0, "a", "Succeeded", shardResult(0, 600, true));
        jobStatus(job, status -> {
            status.setCompletedIndexes("0,1");
            status.setSucceeded(2);
            status.setFailed(1);
            status.setConditions(conditions("Complete"));
        });

        await().untilAsserted(() -> {
            BatchPrediction done = current("scores");
            assertThat(done.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(done.getStatus().getLastRun().getRowsOut()).isEqualTo(1000L);
            assertThat(done.getStatus().getLastRun().getShards()).extracting(ShardProgress::getRows).containsExactly(600L, 400L);
            assertThat(done.getStatus().getLastRun().getShards()).extracting(ShardProgress::getFailedAttempts).containsExactly(null, 1);
            assertThat(done.getStatus().getLastRun().getDrift().getMaxFeature()).isEqualTo("amount");
            assertThat(done.getStatus().getLastRun().getOutputUri()).isEqualTo("pvc://scoring/out/g1");
            assertThat(done.getStatus().getLastSuccessfulOutputUri()).isEqualTo("pvc://scoring/out/g1");
            assertThat(done.getStatus().getSucceededRuns()).isEqualTo(1L);
            assertThat(done.getStatus().getObservedGeneration()).isEqualTo(1L);
            assertThat(condition(done, "Ready").getStatus()).isEqualTo(ConditionStatus.True);
        });
        assertThat(cluster.eventReasons("scores")).contains("BatchRunStarted", "BatchShardRetried", "BatchRunSucceeded");
        assertThat(cluster.registry.scrape()).contains("mlops_batchprediction_runs_total{batchprediction=\"scores\",namespace=\"batch\",outcome=\"succeeded\",} 1.0")
                .contains("mlops_batchprediction_feature_drift{batchprediction=\"scores\",feature=\"amount\",model_version=\"fraud-score-v1\",namespace=\"batch\",} 0.4");
    }

    @Test
    void aShardOutOfRetriesFailsTheRunWithWhatItSaid() throws Exception {
        cluster.client.resource(pinned("broken", null)).inNamespace(cluster.namespace).create();
        Job job = awaitJob("broken-g1");
        String message = "shard 0 of 2 failed: /mnt/pvc/scoring/in/transactions.csv.gz line 7: feature 'amount' is numeric but got \"n/a\"";
        for (String attempt : List.of("a", "b", "c")) {
            shardPod(job, 0, attempt, "Failed", new JobResult(BatchShardMetrics.COMMAND, false, null, null, null, null, null, null, message));
        }
        jobStatus(job, status -> {
            status.setFailedIndexes("0");
            status.setFailed(3);
            status.setConditions(conditions("Failed"));
        });

        await().untilAsserted(() -> {
            BatchPrediction failed = current("broken");
            assertThat(failed.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(failed.getStatus().getLastRun().getMessage()).contains("shard 0 failed 3 time(s)", "got \"n/a\"");
            assertThat(condition(failed, "Ready").getReason()).isEqualTo("RunFailed");
            assertThat(condition(failed, "Degraded").getStatus()).isEqualTo(ConditionStatus.True);
            assertThat(failed.getStatus().getFailedRuns()).isEqualTo(1L);
        });
        assertThat(cluster.events("broken")).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("BatchRunFailed");
        });
    }

    @Test
    void aMissingModelVersionKeepsItPendingUntilItExists() {
        BatchPrediction bp = pinned("later", null);
        bp.getSpec().getModel().setModelVersion("fraud-score-v2");
        cluster.client.resource(bp).inNamespace(cluster.namespace).create();

        await().untilAsserted(() -> {
            BatchPrediction pending = current("later");
            assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(condition(pending, "Ready").getReason()).isEqualTo("ModelVersionNotFound");
        });
        var v2 = handMadeModelVersion("fraud-score-v2");
        v2.getSpec().setVersion(2L);
        v2.getSpec().getArtifact().setUri("pvc://mlops-store/models/fraud-score/2");
        cluster.client.resource(v2).inNamespace(cluster.namespace).create();

        Job job = awaitJob("later-g1");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(BatchJobs.ARTIFACT_URI, "pvc://mlops-store/models/fraud-score/2");
    }

    @Test
    void aScheduleStartsARunAtEachDueTimeAndKeepsTheHistoryLimit() throws Exception {
        cluster.client.resource(pinned("minutely", "* * * * *")).inNamespace(cluster.namespace).create();

        String firstRun = await().atMost(Duration.ofSeconds(90)).until(() -> runName("minutely"), run -> run != null);
        Job first = awaitJob("minutely-" + firstRun);
        assertThat(first.getMetadata().getAnnotations()).containsKey(BatchJobs.SCHEDULED_AT);
        complete(first);
        await().untilAsserted(() -> assertThat(current("minutely").getStatus().getPhase()).isEqualTo("Succeeded"));
        BatchPrediction afterFirst = current("minutely");
        assertThat(Instant.parse(afterFirst.getStatus().getNextScheduleTime()))
                .isEqualTo(Instant.parse(afterFirst.getStatus().getLastScheduleTime()).plus(1, ChronoUnit.MINUTES));

        String secondRun = await().atMost(Duration.ofSeconds(90)).until(() -> runName("minutely"), run -> run != null && !run.equals(firstRun));
        Job second = awaitJob("minutely-" + secondRun);
        complete(second);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(cluster.job("minutely-" + firstRun)).as("the older succeeded run beyond successfulRunsHistoryLimit 1").isEmpty();
            assertThat(cluster.job("minutely-" + secondRun)).isPresent();
            assertThat(current("minutely").getStatus().getSucceededRuns()).isEqualTo(2L);
        });
    }

    private static BatchPrediction pinned(String name, String schedule) {
        BatchPrediction bp = batchPrediction(name);
        BatchModelSource model = new BatchModelSource();
        model.setModelVersion("fraud-score-v1");
        bp.getSpec().setModel(model);
        BatchInput input = new BatchInput();
        input.setUri("pvc://scoring/in/transactions.csv.gz");
        bp.getSpec().setInput(input);
        bp.getSpec().getOutput().setUri("pvc://scoring/out");
        bp.getSpec().setSchedule(schedule);
        bp.getSpec().setSuccessfulRunsHistoryLimit(1);
        return bp;
    }

    private static void complete(Job job) throws Exception {
        shardPod(job, 0, "a", "Succeeded", shardResult(0, 10, false));
        shardPod(job, 1, "a", "Succeeded", shardResult(1, 10, true));
        jobStatus(job, status -> {
            status.setCompletedIndexes("0,1");
            status.setSucceeded(2);
            status.setConditions(conditions("Complete"));
        });
    }

    private static String runName(String name) {
        BatchPrediction bp = current(name);
        return bp == null || bp.getStatus() == null || bp.getStatus().getLastRun() == null ? null : bp.getStatus().getLastRun().getName();
    }

    private static JobResult shardResult(int shard, long rows, boolean published) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(BatchShardMetrics.SHARD, (double) shard);
        metrics.put(BatchShardMetrics.ROWS_OUT, (double) rows);
        if (published) {
            metrics.put(BatchShardMetrics.PUBLISHED, 1.0);
            metrics.put(BatchShardMetrics.RUN_ROWS, 1000.0);
            metrics.put(BatchShardMetrics.DRIFT_FEATURE_PREFIX + "amount", 0.4);
            metrics.put(BatchShardMetrics.DRIFT_FEATURE_PREFIX + "hour_of_day", 0.05);
        }
        return new JobResult(BatchShardMetrics.COMMAND, true, null, null, rows, null, null, metrics, "shard " + shard + " done");
    }

    /** The kubelet's part: a pod of one shard (its completion index as the Job controller labels it) that ended. */
    private static void shardPod(Job job, int index, String attempt, String phase, JobResult result) throws Exception {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        labels.put(BatchJobs.COMPLETION_INDEX, String.valueOf(index));
        Pod pod = cluster.client.pods().inNamespace(cluster.namespace).resource(new PodBuilder()
                .withNewMetadata().withName(job.getMetadata().getName() + "-" + index + "-" + attempt).withLabels(labels).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build()).create();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        pod.setStatus(new PodStatusBuilder().withPhase(phase)
                .addNewContainerStatus()
                    .withName("shard").withImage(cluster.settings.inferenceImage()).withImageID("").withReady(false).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode("Succeeded".equals(phase) ? 0 : 1).withMessage(JSON.writeValueAsString(result))
                        .withStartedAt(now).withFinishedAt(now).endTerminated().endState()
                .endContainerStatus()
                .build());
        cluster.client.pods().inNamespace(cluster.namespace).resource(pod).updateStatus();
    }

    /** The Job controller's part. */
    private static void jobStatus(Job job, Consumer<JobStatus> change) {
        Job current = cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).withName(job.getMetadata().getName()).get();
        JobStatus status = current.getStatus() == null ? new JobStatus() : current.getStatus();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        status.setStartTime(now);
        change.accept(status);
        if (status.getConditions().stream().anyMatch(c -> c.getType().equals("Complete"))) {
            status.setCompletionTime(now);
        }
        current.setStatus(status);
        cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).resource(current).updateStatus();
    }

    private static List<JobCondition> conditions(String outcome) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String criteria = outcome.equals("Complete") ? "SuccessCriteriaMet" : "FailureTarget";
        String reason = outcome.equals("Complete") ? "CompletionsReached" : "FailedIndexes";
        return new ArrayList<>(List.of(
                new JobConditionBuilder().withType(criteria).withStatus("True").withReason(reason).withLastTransitionTime(now).withLastProbeTime(now).build(),
                new JobConditionBuilder().withType(outcome).withStatus("True").withReason(reason).withLastTransitionTime(now).withLastProbeTime(now).build()));
    }

    private static Job awaitJob(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    private static BatchPrediction current(String name) {
        return cluster.client.resources(BatchPrediction.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static Condition condition(BatchPrediction bp, String type) {
        return bp.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
