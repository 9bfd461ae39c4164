package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.TestObjects.dataset;
import static dev.seed.mlops.operator.TestObjects.prepared;
import static dev.seed.mlops.operator.TestObjects.trained;
import static dev.seed.mlops.operator.drift.ScriptedDriftProvider.breach;
import static dev.seed.mlops.operator.drift.ScriptedDriftProvider.clear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.QualityPolicy;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DriftPolicy loop on the real API server, with drift scripted through the provider interface and the test
 * playing the Job controller, the kubelet and the InferenceService's rollout (its status).
 */
@ExtendWith(ApiServerExtension.class)
class DriftPolicyReconcilerIT {
    private static final ScriptedDriftProvider DRIFT = new ScriptedDriftProvider();
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = OperatorHarness.playingInferenceServices(api, "drift", DRIFT);
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void aSustainedBreachRefreshesTheDataRetrainsOnceAndFollowsTheNewVersionToPromotion() throws Exception {
        readyDataset("credit");
        serve("credit-risk", 7, "legacy-v7");
        // Scores rise by 0.01 per check, so the reason tells which check triggered: the third of an unbroken streak,
        // after a clear check broke the first one.
        DRIFT.script("credit-drift", (target, n) -> target.version() != 7 ? clear()
                : List.of(breach("age", 0.31), breach("age", 0.32), clear(), breach("age", 0.34), breach("age", 0.35), breach("age", 0.36))
                        .get(Math.min(n, 5)));
        DriftPolicy policy = create(policy("credit-drift", "credit-risk", DriftAction.Retrain, 3, "credit"));

        TrainingJob retrain = await().until(() -> trainingJob("credit-drift-retrain-1"), tj -> tj != null);
        String requestedAt = retrain.getMetadata().getAnnotations().get(Labels.SNAPSHOT_AFTER);
        assertThat(retrain.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(policy.getMetadata().getUid()));
        assertThat(retrain.getSpec().getModel()).isEqualTo("credit-risk");
        assertThat(requestedAt).isNotNull();
        assertThat(currentDataset("credit").getMetadata().getAnnotations()).containsEntry(Labels.REFRESH_REQUESTED_AT, requestedAt);
        await().untilAsserted(() -> {
            DriftPolicy retraining = current("credit-drift");
            assertThat(retraining.getStatus().getLastTriggered().getTrainingJob()).isEqualTo("credit-drift-retrain-1");
            assertThat(retraining.getStatus().getLastTriggered().getReason())
                    .isEqualTo("drift on feature age: psi 0.36 > 0.2 for 3 consecutive checks");
            assertThat(retraining.getStatus().getLastTriggered().getTime()).isEqualTo(requestedAt);
            assertThat(retraining.getStatus().getPhase()).isEqualTo("Retraining");
            assertThat(retraining.getStatus().getRecentTriggers()).containsExactly(requestedAt);
        });

        // The TrainingJob waits for the refreshed snapshot, which the Dataset reconciler prepares on the annotation.
        await().untilAsserted(() -> assertThat(readyReason(trainingJob("credit-drift-retrain-1"))).isEqualTo("WaitingForFreshData"));
        Job refresh = await().until(() -> prepareJobAfterTheFirst("credit"), job -> job != null);
        cluster.podEnded(refresh, 0, 0, prepared("ef".repeat(32), 31000));
        cluster.jobSucceeded(refresh);
        Job training = await().until(() -> cluster.job("credit-drift-retrain-1-train").orElse(null), job -> job != null);
        // The Job is created before the TrainingJob's status records it: wait for the status, as a user would.
        await().untilAsserted(() -> assertThat(trainingJob("credit-drift-retrain-1").getStatus().getDatasetSnapshot())
                .isEqualTo("sha256:" + "ef".repeat(32)));

        cluster.podEnded(training, 0, 0, trained("credit-risk", 1, Map.of("auc", 0.83, "logLoss", 0.42, "accuracy", 0.81)));
        cluster.jobSucceeded(training);
        await().untilAsserted(() -> assertThat(current("credit-drift").getStatus().getPhase()).isEqualTo("Replacing"));

        canary("credit-risk", "credit-risk-v1");
        await().untilAsserted(() -> assertThat(current("credit-drift").getStatus().getPhase()).isEqualTo("Replacing"));
        serve("credit-risk", 1, "credit-risk-v1");
        await().untilAsserted(() -> {
            DriftPolicy healthy = current("credit-drift");
            assertThat(healthy.getStatus().getPhase()).isEqualTo("Healthy");
            assertThat(healthy.getStatus().getServingVersion()).isEqualTo(1L);
            assertThat(healthy.getStatus().getConsecutiveBreaches()).isZero();
            assertThat(healthy.getStatus().getLastTriggered().getTrainingJob()).isEqualTo("credit-drift-retrain-1");
        });

        assertThat(trainingJobsOf("credit-drift")).hasSize(1);
        assertThat(cluster.eventReasons("credit-drift")).containsOnlyOnce("DriftDetected", "RetrainTriggered");
        assertThat(metric("mlops_retrain_triggered_total", "policy=\"credit-drift\"")).containsExactly(1.0);
        assertThat(metric("mlops_policy_feature_drift", "policy=\"credit-drift\"", "feature=\"age\"", "metric=\"psi\"", "model=\"credit-risk\"", "version=\"1\""))
                .containsExactly(0.05);
        assertThat(metric("mlops_policy_feature_drift", "policy=\"credit-drift\"", "version=\"7\"")).as("the retired version's gauges are gone").isEmpty();
        assertThat(metric("mlops_policy_drift_threshold", "namespace=\"drift\"", "policy=\"credit-drift\"", "metric=\"psi\""))
                .as("alerts and dashboards compare the scores with the policy's own threshold").containsExactly(policy.getSpec().getThreshold());
    }

    @Test
    void cooldownSuppressesTheNextRetrainAndSaysUntilWhen() {
        serve("cooling", 1, "cooling-v1");
        DRIFT.sequence("cooling-drift", List.of(breach("age", 0.5)));
        DriftPolicy policy = policy("cooling-drift", "cooling", DriftAction.Retrain, 1, "no-such-dataset");
        policy.getSpec().getRetrain().setCooldown("1h");
        policy.getSpec().getRetrain().setMaxPerDay(5);
        create(policy);

        await().until(() -> trainingJob("cooling-drift-retrain-1") != null);
        cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withName("cooling-drift-retrain-1").delete();

        await().untilAsserted(() -> {
            Condition ready = ready(current("cooling-drift"));
            assertThat(ready.getReason()).isEqualTo("RetrainSuppressed");
            assertThat(ready.getMessage()).contains("retrain suppressed by cooldown: the last retrain was at");
            // Its TrainingJob was deleted: that retrain failed, and the policy says so until it retrains again.
            DriftPolicy cooling = current("cooling-drift");
            assertThat(cooling.getStatus().getPhase()).isEqualTo("Degraded");
            assertThat(condition(cooling, "Degraded").getReason()).isEqualTo("RetrainFailed");
            assertThat(cooling.getStatus().getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
            assertThat(cooling.getStatus().getLastTriggered().getMessage()).isEqualTo("TrainingJob cooling-drift-retrain-1 no longer exists");
        });
        assertThat(trainingJob("cooling-drift-retrain-2")).isNull();
        assertThat(cluster.eventReasons("cooling-drift")).containsOnlyOnce("RetrainTriggered", "RetrainSuppressed", "RetrainFailed");
        assertThat(metric("mlops_retrain_outcome_total", "policy=\"cooling-drift\"", "outcome=\"failed\"")).containsExactly(1.0);
    }

    @Test
    void maxPerDaySuppressesOnceTheDayIsFull() {
        serve("busy", 1, "busy-v1");
        DRIFT.sequence("busy-drift", List.of(breach("age", 0.5)));
        DriftPolicy policy = policy("busy-drift", "busy", DriftAction.Retrain, 1, "no-such-dataset");
        policy.getSpec().getRetrain().setCooldown("1s");
        policy.getSpec().getRetrain().setMaxPerDay(1);
        create(policy);

        await().until(() -> trainingJob("busy-drift-retrain-1") != null);
        cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withName("busy-drift-retrain-1").delete();

        await().untilAsserted(() -> assertThat(ready(current("busy-drift")).getMessage())
                .contains("retrain suppressed by maxPerDay: 1 retrains in the last 24 hours (limit 1)"));
        assertThat(trainingJob("busy-drift-retrain-2")).isNull();
        assertThat(current("busy-drift").getStatus().getRecentTriggers()).hasSize(1);
        assertThat(metric("mlops_retrain_triggered_total", "namespace=\"drift\"", "policy=\"busy-drift\"")).containsExactly(1.0);
    }

    @Test
    void alertOnlyReportsASustainedBreachButNeverRetrains() {
        serve("watched", 1, "watched-v1");
        DRIFT.sequence("watched-drift", List.of(breach("income", 0.5)));
        DriftPolicy policy = policy("watched-drift", "watched", DriftAction.AlertOnly, 2, "credit");
        create(policy);

        await().untilAsserted(() -> {
            assertThat(DRIFT.evaluations("watched-drift")).isGreaterThanOrEqualTo(4);
            DriftPolicy drifting = current("watched-drift");
            assertThat(drifting.getStatus().getPhase()).isEqualTo("Drifting");
            assertThat(drifting.getStatus().getConsecutiveBreaches()).isGreaterThanOrEqualTo(3);
            assertThat(ready(drifting).getReason()).isEqualTo("DriftSustained");
            assertThat(drifting.getStatus().getMaxScore()).isEqualTo(0.5);
            assertThat(drifting.getStatus().getScores()).anySatisfy(score -> {
                assertThat(score.getFeature()).isEqualTo("income");
                assertThat(score.getBreached()).isTrue();
            });
        });
        assertThat(trainingJobsOf("watched-drift")).isEmpty();
        assertThat(current("watched-drift").getStatus().getLastTriggered()).isNull();
        assertThat(cluster.events("watched-drift")).filteredOn(e -> "DriftDetected".equals(e.getReason())).singleElement()
                .satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("drift on feature income: psi 0.5 > 0.2 for 2 consecutive checks").contains("AlertOnly");
                });
        assertThat(metric("mlops_policy_feature_drift", "policy=\"watched-drift\"", "feature=\"income\"")).containsExactly(0.5);

        cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName("watched-drift").delete();
        await().untilAsserted(() -> assertThat(metric("mlops_policy_feature_drift", "policy=\"watched-drift\""))
                .as("a deleted policy's gauges go with it").isEmpty());
    }

    @Test
    void tooFewSamplesIsInconclusiveAndNeverABreach() {
        serve("quiet", 1, "quiet-v1");
        DRIFT.sequence("quiet-drift", List.of(new DriftReading(10, Map.of("age", 3.0))));
        create(policy("quiet-drift", "quiet", DriftAction.Retrain, 2, "no-such-dataset"));

        await().untilAsserted(() -> {
            assertThat(DRIFT.evaluations("quiet-drift")).isGreaterThanOrEqualTo(4);
            DriftPolicy quiet = current("quiet-drift");
            assertThat(ready(quiet).getReason()).isEqualTo("Inconclusive");
            assertThat(ready(quiet).getMessage()).startsWith("10 samples in the window, fewer than minSamples 500");
            assertThat(quiet.getStatus().getSamples()).isEqualTo(10L);
        });
        DriftPolicy quiet = current("quiet-drift");
        assertThat(quiet.getStatus().getConsecutiveBreaches()).isZero();
        assertThat(quiet.getStatus().getPhase()).isEqualTo("Healthy");
        assertThat(trainingJobsOf("quiet-drift")).isEmpty();
        assertThat(cluster.eventReasons("quiet-drift")).doesNotContain("DriftDetected");
    }

    @Test
    void aFailingProviderDegradesThePolicyWithWhatToDoAndRecovers() {
        serve("flaky", 1, "flaky-v1");
        DRIFT.script("flaky-drift", (target, n) -> {
            if (n < 3) {
                throw new DriftProviderException("serving pod 10.0.0.9 of " + target.describe() + " did not report drift: connection refused");
            }
            return clear();
        });
        create(policy("flaky-drift", "flaky", DriftAction.AlertOnly, 2, "credit"));

        await().untilAsserted(() -> {
            DriftPolicy degraded = current("flaky-drift");
            assertThat(degraded.getStatus().getPhase()).isEqualTo("Degraded");
            Condition condition = condition(degraded, "Degraded");
            assertThat(condition.getStatus()).isEqualTo(ConditionStatus.True);
            assertThat(condition.getMessage()).contains("serving pod 10.0.0.9 of InferenceService flaky (flaky v1) did not report drift");
        });
        await().untilAsserted(() -> {
            DriftPolicy recovered = current("flaky-drift");
            assertThat(recovered.getStatus().getPhase()).isEqualTo("Healthy");
            assertThat(condition(recovered, "Degraded").getStatus()).isEqualTo(ConditionStatus.False);
            assertThat(ready(recovered).getReason()).isEqualTo("NoDrift");
        });
        assertThat(cluster.eventReasons("flaky-drift")).containsOnlyOnce("DriftProviderFailed");
    }

    @Test
    void aQualityJobJudgesTheStableVersionAndABreachRetrainsIntoAVersionThatMustBeatIt() throws Exception {
        readyDataset("labelled");
        serve("scored", 5, "scored-v5");
        DRIFT.sequence("scored-quality", List.of(clear()));
        DriftPolicy policy = policy("scored-quality", "scored", DriftAction.Retrain, 3, "labelled");
        QualityPolicy performance = new QualityPolicy();
        performance.setMetric(Metric.auc);
        performance.setMinimum(0.75);
        performance.setMinLabels(500L);
        performance.setConsecutiveBreaches(1);
        policy.getSpec().setPerformance(performance);
        create(policy);

        Job evaluation = await().until(() -> qualityJobs("scored-quality").stream().findFirst().orElse(null), job -> job != null);
        assertThat(evaluation.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("evaluate-quality", "--namespace", cluster.namespace, "--inference-service", "scored", "--model", "scored",
                        "--versions", "5");
        await().untilAsserted(() -> assertThat(condition(current("scored-quality"), "QualityMet").getReason()).isEqualTo("Evaluating"));
        cluster.podEnded(evaluation, 0, 0, new JobResult("evaluate-quality", true, null, null, 900L, null, null,
                Map.of("v5.auc", 0.68, "v5.labelled", 812.0, "v5.unlabelled", 88.0, "v5.duplicates", 3.0, "refused", 0.0), "v5: 812 labelled"));
        cluster.jobSucceeded(evaluation);

        TrainingJob retrain = await().until(() -> trainingJob("scored-quality-retrain-1"), tj -> tj != null);
        assertThat(retrain.getSpec().getEvaluation().getMustBeatServing().getMetric()).isEqualTo(Metric.auc);
        assertThat(retrain.getSpec().getEvaluation().getMustBeatServing().getInferenceServiceRef().getName()).isEqualTo("scored");
        await().untilAsserted(() -> {
            DriftPolicy judged = current("scored-quality");
            assertThat(judged.getStatus().getLastTriggered().getReason())
                    .isEqualTo("quality auc 0.6800 of v5 below the minimum 0.7500 on 812 labels (1 consecutive evaluation)");
            assertThat(judged.getStatus().getQuality().getHistory()).singleElement().satisfies(reading -> {
                assertThat(reading.getVersion()).isEqualTo(5);
                assertThat(reading.getLabelled()).isEqualTo(812);
                assertThat(reading.getDuplicates()).isEqualTo(3);
                assertThat(reading.getVerdict()).isEqualTo("Breached");
            });
            assertThat(judged.getStatus().getQuality().getJob()).isNull();
            assertThat(metric("mlops_model_quality", "policy=\"scored-quality\"", "version=\"5\"", "metric=\"auc\"")).containsExactly(0.68);
        });
        assertThat(cluster.eventReasons("scored-quality")).contains("QualityBreached", "RetrainTriggered");
        assertThat(current("scored-quality").getSpec().getRetrain().getTemplate().getEvaluation().getMustBeatServing())
                .as("the policy's spec is the user's").isNull();
    }

    private static List<Job> qualityJobs(String policy) {
        return cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).withLabel(Labels.DRIFT_POLICY, policy)
                .withLabel(Labels.COMPONENT, "quality").list().getItems();
    }

    static DriftPolicy policy(String name, String target, DriftAction action, int consecutiveBreaches, String dataset) {
        try {
            DriftPolicy policy = Serialization.unmarshal(Files.readString(RepoRoot.path().resolve("config/samples/04-driftpolicy.yaml")), DriftPolicy.class);
            policy.getMetadata().setName(name);
            policy.getSpec().getTargetRef().setName(target);
            policy.getSpec().setAction(action);
            policy.getSpec().setCheckInterval("1s");
            policy.getSpec().setConsecutiveBreaches(consecutiveBreaches);
            policy.getSpec().getRetrain().getTemplate().getDatasetRef().setName(dataset);
            if (action != DriftAction.Retrain) {
                policy.getSpec().setRetrain(null); // the API refuses a retrain section that is never used
            }
            return policy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DriftPolicy create(DriftPolicy policy) {
        return cluster.client.resource(policy).inNamespace(cluster.namespace).create();
    }

    private static void readyDataset(String name) throws Exception {
        cluster.client.resource(dataset(name)).inNamespace(cluster.namespace).create();
        Job prepare = await().until(() -> cluster.job(name + "-prepare-1").orElse(null), job -> job != null);
        cluster.podEnded(prepare, 0, 0, prepared("cd".repeat(32), 30000));
        cluster.jobSucceeded(prepare);
        await().until(() -> "Ready".equals(currentDataset(name).getStatus().getPhase()));
    }

    private static Job prepareJobAfterTheFirst(String dataset) {
        return cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).withLabel(Labels.DATASET, dataset).list().getItems().stream()
                .filter(job -> !job.getMetadata().getName().equals(dataset + "-prepare-1")).findFirst().orElse(null);
    }

    private static void serve(String name, long version, String modelVersion) {
        serve(cluster, name, version, modelVersion);
    }

    /** The InferenceService reconciler's part: status naming the version that serves as stable. */
    static void serve(OperatorHarness cluster, String name, long version, String modelVersion) {
        InferenceService isvc = cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName(name).get();
        if (isvc == null) {
            InferenceService fresh = TestObjects.inferenceService(name);
            fresh.getSpec().setModel(name);
            isvc = cluster.client.resource(fresh).inNamespace(cluster.namespace).create();
        }
        ServingVersion stable = new ServingVersion();
        stable.setVersion(version);
        stable.setModelVersion(modelVersion);
        stable.setReadyReplicas(2);
        isvc.setStatus(new InferenceServiceStatus());
        isvc.getStatus().setStable(stable);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).updateStatus();
    }

    private static void canary(String name, String modelVersion) {
        InferenceService isvc = cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName(name).get();
        CanaryStatus canary = new CanaryStatus();
        canary.setModelVersion(modelVersion);
        canary.setWeight(10);
        canary.setStep(0);
        isvc.getStatus().setCanary(canary);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).updateStatus();
    }

    /** The values of the scraped series of that name whose labels include all of these. */
    private static List<Double> metric(String name, String... labels) {
        return cluster.registry.scrape().lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .toList();
    }

    private static DriftPolicy current(String name) {
        return cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static TrainingJob trainingJob(String name) {
        return cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static List<TrainingJob> trainingJobsOf(String policy) {
        return cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withLabel(Labels.DRIFT_POLICY, policy).list().getItems();
    }

    private static Dataset currentDataset(String name) {
        return cluster.client.resources(Dataset.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static Condition ready(DriftPolicy policy) {
        return condition(policy, "Ready");
    }

    private static Condition condition(DriftPolicy policy, String type) {
        return policy.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private static String readyReason(TrainingJob trainingJob) {
        return trainingJob.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow().getReason();
    }
}
