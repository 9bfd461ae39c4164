package dev.seed.mlops.operator.training;

import static dev.seed.mlops.operator.TestObjects.dataset;
import static dev.seed.mlops.operator.TestObjects.failed;
import static dev.seed.mlops.operator.TestObjects.prepared;
import static dev.seed.mlops.operator.TestObjects.trained;
import static dev.seed.mlops.operator.TestObjects.trainingJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.MetricGate;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ParameterSpace;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.SearchObjective;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TrainingJobs from waiting for data to a registered ModelVersion, with the test playing the Job controller and kubelet. */
@ExtendWith(ApiServerExtension.class)
class TrainingJobReconcilerIT {
    private static OperatorHarness cluster;
    private static final Map<String, Double> GOOD = Map.of("auc", 0.83, "logLoss", 0.42, "accuracy", 0.81);

    @BeforeAll
    static void startOperatorWithAReadyDataset(TestApiServer api) throws Exception {
        cluster = new OperatorHarness(api, "training", Map.of());
        cluster.client.resource(dataset("credit")).inNamespace(cluster.namespace).create();
        Job prepare = awaitJob("credit-prepare-1");
        cluster.podEnded(prepare, 0, 0, prepared("cd".repeat(32), 30000));
        cluster.jobSucceeded(prepare);
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void aSuccessfulRunRegistersTheNextVersionAsValidated() throws Exception {
        TrainingJob created = create(trainingJob("first", "credit"), "model-a");

        Job job = awaitJob("first-train");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("train", "--version", "1", "--snapshot").doesNotContain("--champion");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid()));
        await().untilAsserted(() -> {
            TrainingJob running = current("first");
            assertThat(running.getStatus().getPhase()).isEqualTo("Running");
            assertThat(running.getStatus().getDatasetSnapshot()).isEqualTo("sha256:" + "cd".repeat(32));
        });

        cluster.podEnded(job, 0, 0, trained("model-a", 1, GOOD));
        cluster.jobSucceeded(job);

        await().untilAsserted(() -> {
            TrainingJob done = current("first");
            assertThat(done.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(done.getStatus().getModelVersion()).isEqualTo("model-a-v1");
            assertThat(done.getStatus().getMetrics()).containsEntry("auc", 0.83);
            assertThat(readyReason(done)).isEqualTo("ModelValidated");
            ModelVersion registered = modelVersion("model-a-v1");
            assertThat(registered.getSpec().getVersion()).isEqualTo(1L);
            assertThat(registered.getSpec().getSource().getDatasetDigest()).isEqualTo("sha256:" + "cd".repeat(32));
            assertThat(registered.getSpec().getSchema().getFeatures()).hasSize(8);
            assertThat(registered.getMetadata().getOwnerReferences()).isEmpty();
            assertThat(registered.getStatus().getStage()).isEqualTo(ModelStage.Validated);
        });
        assertThat(cluster.eventReasons("first")).contains("TrainingStarted", "TrainingSucceeded", "ModelVersionRegistered", "ModelValidated");
    }

    @Test
    void aGateThatFailsRejectsTheVersionWithTheMeasurement() throws Exception {
        TrainingJob strict = trainingJob("strict", "credit");
        MetricGate gate = new MetricGate();
        gate.setMetric(dev.seed.mlops.api.v1alpha1.Metric.auc);
        gate.setMinimum(0.9);
        strict.getSpec().getEvaluation().setGates(new java.util.ArrayList<>(List.of(gate)));
        strict.getSpec().getEvaluation().setMustBeatServing(null);
        create(strict, "model-b");

        Job job = awaitJob("strict-train");
        cluster.podEnded(job, 0, 0, trained("model-b", 1, GOOD));
        cluster.jobSucceeded(job);

        await().untilAsserted(() -> {
            ModelVersion rejected = modelVersion("model-b-v1");
            assertThat(rejected.getStatus().getStage()).isEqualTo(ModelStage.Rejected);
            assertThat(rejected.getStatus().getReason()).isEqualTo("auc 0.8300 is below the minimum 0.9000");
            assertThat(readyReason(current("strict"))).isEqualTo("ModelRejected");
        });
        assertThat(cluster.events("strict")).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("ModelRejected");
        });
    }

    @Test
    void theServingChampionIsScoredAndMustBeBeaten() throws Exception {
        create(trainingJob("champion", "credit"), "model-c");
        Job first = awaitJob("champion-train");
        cluster.podEnded(first, 0, 0, trained("model-c", 1, GOOD));
        cluster.jobSucceeded(first);
        await().until(() -> modelVersion("model-c-v1") != null);
        serve("model-c-serving", "model-c-v1", 1);

        TrainingJob challenger = trainingJob("challenger", "credit");
        challenger.getSpec().getEvaluation().getMustBeatServing().getInferenceServiceRef().setName("model-c-serving");
        create(challenger, "model-c");
        Job second = awaitJob("challenger-train");
        assertThat(second.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--version", "2", "--champion", "pvc://mlops-store/models/model-c/1");
        cluster.podEnded(second, 0, 0, trained("model-c", 2, Map.of("auc", 0.84, "logLoss", 0.41, "champion.auc", 0.839)));
        cluster.jobSucceeded(second);

        await().untilAsserted(() -> assertThat(modelVersion("model-c-v2").getStatus().getReason())
                .startsWith("does not beat the champion: auc 0.8400 vs 0.8390 of serving model-c-v1 (margin 0.0050)"));
    }

    @Test
    void aFailingRunCountsEachRetryOnceAndStaysFailed() throws Exception {
        create(trainingJob("doomed", "credit"), "model-d");
        Job job = awaitJob("doomed-train");

        cluster.podEnded(job, 0, 1, failed("train", "hyperparameter max_depth: 'deep' is not an integer"));
        cluster.jobPodFailed(job, 1);
        await().untilAsserted(() -> assertThat(current("doomed").getStatus().getFailedAttempts()).isEqualTo(1));
        cluster.jobPodFailed(job, 1);
        cluster.podEnded(job, 1, 1, failed("train", "hyperparameter max_depth: 'deep' is not an integer"));
        cluster.jobFailed(job, 3, "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        await().untilAsserted(() -> {
            TrainingJob failedRun = current("doomed");
            assertThat(failedRun.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(failedRun.getStatus().getFailedAttempts()).isEqualTo(3);
            assertThat(readyReason(failedRun)).isEqualTo("BackoffLimitExceeded");
            assertThat(failedRun.getStatus().getMessage()).contains("max_depth");
        });
        assertThat(cluster.eventReasons("doomed")).containsOnlyOnce("TrainingFailed");

        cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).withName("doomed-train").delete();
        await().pollDelay(Duration.ofSeconds(2)).untilAsserted(() -> {
            TrainingJob afterGc = current("doomed");
            assertThat(afterGc.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(afterGc.getStatus().getFailedAttempts()).isEqualTo(3);
        });
        assertThat(cluster.job("doomed-train")).isEmpty();
    }

    @Test
    void aRunOnTwoWorkersIsOneIndexedJobWhoseTrackerIsBehindAServiceAndAGroupThatFailsIsStartedAgainCountedOnce() throws Exception {
        TrainingJob group = trainingJob("group", "credit");
        group.getSpec().setWorkers(2);
        TrainingJob created = create(group, "model-w");

        Job job = awaitJob("group-train");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(2);
        assertThat(job.getSpec().getParallelism()).isEqualTo(2);
        assertThat(job.getSpec().getBackoffLimit()).as("a worker that dies fails the attempt").isZero();
        assertThat(job.getSpec().getPodFailurePolicy().getRules()).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailJob");
            assertThat(rule.getOnExitCodes().getValues()).containsExactly(JobResult.INVALID_INPUT_EXIT_CODE);
        });
        Service service = cluster.client.services().inNamespace(cluster.namespace).withName("group-workers").get();
        String tracker = service.getSpec().getClusterIP() + ":9091";
        assertThat(service.getSpec().getClusterIP()).as("an address the workers reach without cluster DNS").matches("[0-9.]+");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("--workers", "2", "--tracker", tracker, "--tracker-bind", "$(POD_IP)");
        assertThat(service.getSpec().getSelector()).containsEntry("batch.kubernetes.io/job-completion-index", "0");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid()));

        cluster.podEnded(job, 0, 1, failed("train", "worker 0 of 2: the collective lost worker 1"));
        cluster.podEnded(job, 1, 137, failed("train", "OOMKilled"));
        cluster.jobFailed(job, 2, "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        Job retry = awaitJob("group-train-r2");
        assertThat(retry.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).as("the same Service for every attempt").contains(tracker);
        await().untilAsserted(() -> {
            TrainingJob retrying = current("group");
            assertThat(retrying.getStatus().getPhase()).isEqualTo("Running");
            assertThat(retrying.getStatus().getJobName()).isEqualTo("group-train-r2");
            assertThat(retrying.getStatus().getFailedAttempts()).as("two workers died in one attempt").isEqualTo(1);
        });

        cluster.podEnded(retry, 0, 0, trained("model-w", 1, GOOD));
        cluster.indexedJobSucceeded(retry);

        await().untilAsserted(() -> {
            TrainingJob done = current("group");
            assertThat(done.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(done.getStatus().getFailedAttempts()).isEqualTo(1);
            assertThat(modelVersion("model-w-v1").getStatus().getStage()).isEqualTo(ModelStage.Validated);
        });
        assertThat(cluster.eventReasons("group")).containsOnlyOnce("TrainingRetried");
    }

    @Test
    void aRunOnADatasetThatDoesNotExistWaitsAndSaysSo() {
        create(trainingJob("orphan", "deleted-dataset"), "model-e");

        await().untilAsserted(() -> {
            TrainingJob waiting = current("orphan");
            assertThat(waiting.getStatus().getPhase()).isEqualTo("WaitingForData");
            assertThat(readyReason(waiting)).isEqualTo("DatasetNotFound");
        });
        assertThat(cluster.job("orphan-train")).isEmpty();
        assertThat(cluster.eventReasons("orphan")).containsOnlyOnce("DatasetNotFound");
    }

    /** Defect 9: versions were allocated from the caches, so runs started together could train the same version. */
    @Test
    void runsOfOneModelStartedTogetherReserveDistinctVersions() {
        for (int i = 1; i <= 3; i++) {
            create(trainingJob("together-" + i, "credit"), "model-f");
        }

        List<String> versions = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> awaitJob("together-" + i + "-train").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .map(args -> args.get(args.indexOf("--version") + 1))
                .toList();

        assertThat(versions).containsExactlyInAnyOrder("1", "2", "3");
        await().untilAsserted(() -> assertThat(IntStream.rangeClosed(1, 3).mapToObj(i -> current("together-" + i).getStatus().getVersion()))
                .containsExactlyInAnyOrder(1L, 2L, 3L));
    }

    /** Defect 9: a hand-made ModelVersion holding the reserved number made registration fail on every retry while the run said Running. */
    @Test
    void aHandMadeModelVersionHoldingTheReservedNumberFailsTheRunWithAReason() throws Exception {
        create(trainingJob("clash", "credit"), "model-g");
        Job job = awaitJob("clash-train");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--version", "1");
        ModelVersion handMade = TestObjects.handMadeModelVersion("model-g-v1");
        handMade.getSpec().setModel("model-g");
        handMade.getSpec().setVersion(1L);
        cluster.client.resource(handMade).inNamespace(cluster.namespace).create();

        cluster.podEnded(job, 0, 0, trained("model-g", 1, GOOD));
        cluster.jobSucceeded(job);

        await().untilAsserted(() -> {
            TrainingJob failedRun = current("clash");
            assertThat(failedRun.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(readyReason(failedRun)).isEqualTo("VersionTaken");
            assertThat(failedRun.getStatus().getMessage()).contains("model-g-v1 already exists and was not registered by this run");
        });
        assertThat(modelVersion("model-g-v1").getSpec().getArtifact().getUri()).isEqualTo(handMade.getSpec().getArtifact().getUri());
    }

    /** Defects 6 and 10: a failed refresh-prepare counted as the answer to the request, and the retrain waited forever. */
    @Test
    void aRunWaitingForFreshDataFailsWhenThePrepareAnsweringItsRequestFails() throws Exception {
        cluster.client.resource(dataset("refreshing")).inNamespace(cluster.namespace).create();
        Job first = awaitJob("refreshing-prepare-1");
        cluster.podEnded(first, 0, 0, prepared("ef".repeat(32), 3000));
        cluster.jobSucceeded(first);
        await().untilAsserted(() -> assertThat(currentDataset("refreshing").getStatus().getPhase()).isEqualTo("Ready"));

        String requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        cluster.client.resources(Dataset.class).inNamespace(cluster.namespace).withName("refreshing")
                .edit(ds -> {
                    if (ds.getMetadata().getAnnotations() == null) {
                        ds.getMetadata().setAnnotations(new HashMap<>());
                    }
                    ds.getMetadata().getAnnotations().put(Labels.REFRESH_REQUESTED_AT, requestedAt);
                    return ds;
                });
        TrainingJob retrain = trainingJob("retrain", "refreshing");
        retrain.getMetadata().setAnnotations(new HashMap<>(Map.of(Labels.SNAPSHOT_AFTER, requestedAt)));
        create(retrain, "model-h");
        await().untilAsserted(() -> assertThat(readyReason(current("retrain"))).isEqualTo("WaitingForFreshData"));

        String refreshJob = await().until(() -> currentDataset("refreshing").getStatus().getPrepareJob(), name -> !"refreshing-prepare-1".equals(name));
        Job refresh = awaitJob(refreshJob);
        cluster.podEnded(refresh, 0, 1, failed("prepare", "the source is gone"));
        cluster.jobFailed(refresh, 1, "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        await().untilAsserted(() -> {
            TrainingJob failedRun = current("retrain");
            assertThat(failedRun.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(readyReason(failedRun)).isEqualTo("FreshDataFailed");
            assertThat(failedRun.getStatus().getMessage()).contains("the source is gone");
        });
        assertThat(cluster.job("retrain-train")).isEmpty();
    }

    @Test
    void trialsRunWithinParallelismAFailedOneIsSurvivedAndTheBestIsTrainedRegisteredAndInTheLineage() throws Exception {
        TrainingJob searching = trainingJob("tune", "credit");
        searching.getSpec().setModel("tuned");
        searching.getSpec().getHyperparameters().remove("max_depth");
        searching.getSpec().getEvaluation().setMustBeatServing(null);
        searching.getSpec().getEvaluation().getGates().removeIf(g -> g.getMetric() == Metric.logLoss);
        searching.getSpec().setSearch(search(3, 2));
        cluster.client.resource(searching).inNamespace(cluster.namespace).create();

        Job t0 = awaitJob("tune-t0");
        Job t1 = awaitJob("tune-t1");
        await().untilAsserted(() -> assertThat(currentSearch().getStatus().getSearch().getStartedTrials()).isEqualTo(2));
        assertThat(cluster.job("tune-t2")).as("parallelism 2 holds the third trial back").isEmpty();
        assertThat(cluster.job("tune-train")).isEmpty();
        Container trialContainer = t0.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(trialContainer.getArgs()).contains("--trial", "--version", "1");
        assertThat(trialContainer.getResources()).isEqualTo(searching.getSpec().getResources());

        cluster.podEnded(t0, 0, 1, failed("train", "XGBoost refused to train"));
        cluster.jobFailed(t0, 3, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        Job t2 = awaitJob("tune-t2");
        await().untilAsserted(() -> assertThat(currentSearch().getStatus().getSearch().getFailedTrials()).isEqualTo(1));
        assertThat(currentSearch().getStatus().getPhase()).isEqualTo("Running");

        cluster.podEnded(t1, 0, 0, trial(0.80));
        cluster.jobSucceeded(t1);
        cluster.podEnded(t2, 0, 0, trial(0.85));
        cluster.jobSucceeded(t2);

        Job run = awaitJob("tune-train");
        await().untilAsserted(() -> {
            TrainingJob afterSearch = currentSearch();
            assertThat(afterSearch.getStatus().getSearch().getBestTrial()).isEqualTo(2);
            assertThat(afterSearch.getStatus().getSearch().getBestObjective()).isEqualTo(0.85);
            assertThat(afterSearch.getStatus().getSearch().getTrials()).extracting(TrialStatus::getIndex).containsExactly(2, 1, 0);
        });
        String bestDepth = currentSearch().getStatus().getSearch().getTrials().get(0).getParameters().get("max_depth");
        List<String> args = run.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args).doesNotContain("--trial");
        assertThat(args.get(args.indexOf("--spec") + 1)).contains("\"max_depth\":\"" + bestDepth + "\"").doesNotContain("\"search\"");

        cluster.podEnded(run, 0, 0, trained("tuned", 1, Map.of("auc", 0.84, "accuracy", 0.8)));
        cluster.jobSucceeded(run);

        await().untilAsserted(() -> {
            TrainingJob done = currentSearch();
            assertThat(done.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(done.getStatus().getModelVersion()).isEqualTo("tuned-v1");
            ModelVersion registered = cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName("tuned-v1").get();
            assertThat(registered.getSpec().getMetrics()).containsEntry("auc", 0.84);
            assertThat(registered.getSpec().getSource().getSearch().getTrials()).hasSize(3)
                    .extracting(TrialStatus::getState).containsExactly("Succeeded", "Succeeded", "Failed");
            assertThat(registered.getSpec().getSource().getSearch().getBestTrial()).isEqualTo(2);
        });
        assertThat(cluster.eventReasons("tune")).contains("TrialStarted", "TrialFailed", "TrialSucceeded", "SearchFinished", "ModelVersionRegistered");
    }

    private static Search search(int maxTrials, int parallelism) {
        ParameterSpace depth = new ParameterSpace();
        depth.setMin(2.0);
        depth.setMax(8.0);
        depth.setType(ParameterType.integer);
        SearchObjective objective = new SearchObjective();
        objective.setMetric(Metric.auc);
        objective.setDirection(SearchDirection.maximize);
        Search search = new Search();
        search.setSpace(Map.of("max_depth", depth));
        search.setMaxTrials(maxTrials);
        search.setParallelism(parallelism);
        search.setObjective(objective);
        return search;
    }

    private static JobResult trial(double validationAuc) {
        return new JobResult("train", true, "ab".repeat(32), null, null, null, null, Map.of("validation.auc", validationAuc), "trial");
    }

    private static TrainingJob currentSearch() {
        return current("tune");
    }

    private static Dataset currentDataset(String name) {
        return cluster.client.resources(Dataset.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static TrainingJob create(TrainingJob trainingJob, String model) {
        trainingJob.getSpec().setModel(model);
        trainingJob.getSpec().getEvaluation().getGates().removeIf(g -> g.getMetric() == dev.seed.mlops.api.v1alpha1.Metric.logLoss);
        return cluster.client.resource(trainingJob).inNamespace(cluster.namespace).create();
    }

    /** The InferenceService reconciler's part (issue 6): status naming the version that serves. */
    private static void serve(String name, String modelVersion, long version) {
        InferenceService isvc = TestObjects.inferenceService(name);
        isvc.getSpec().setModel(modelVersion.substring(0, modelVersion.lastIndexOf("-v")));
        cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        ServingVersion stable = new ServingVersion();
        stable.setModelVersion(modelVersion);
        stable.setVersion(version);
        // The InferenceService reconciler writes status too: a write from a stale read answers 409, so read again.
        await().ignoreException(KubernetesClientException.class).until(() -> {
            InferenceService latest = cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName(name).get();
            latest.setStatus(new InferenceServiceStatus());
            latest.getStatus().setStable(stable);
            cluster.client.resource(latest).inNamespace(cluster.namespace).updateStatus();
            return true;
        });
    }

    private static Job awaitJob(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    private static TrainingJob current(String name) {
        return cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static ModelVersion modelVersion(String name) {
        return cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static String readyReason(TrainingJob trainingJob) {
        return trainingJob.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .filter(c -> c.getStatus() != ConditionStatus.Unknown).findFirst().orElseThrow().getReason();
    }
}
