package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.CanaryQualityGate;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.PredictionLogSpec;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * InferenceServices on the real API server: the test plays the Deployment controller (marking pods ready) and drives
 * canary analysis through the {@link CanaryMetrics} interface.
 */
@ExtendWith(ApiServerExtension.class)
class InferenceServiceReconcilerIT {
    private static int namespaces;
    private final ScriptedCanaryMetrics metrics = new ScriptedCanaryMetrics(java.time.Clock.systemUTC());
    private TestApiServer api;
    private OperatorHarness cluster;

    @BeforeEach
    void startOperator(TestApiServer api) {
        this.api = api;
        cluster = new OperatorHarness(api, "serving-" + (++namespaces), Map.of(), metrics);
    }

    @AfterEach
    void stopOperator() {
        cluster.close();
    }

    @Test
    void servesTheNewestValidatedVersionThenReplacesItThroughTheCanary() {
        validated("credit-risk", 1);
        cluster.client.resource(isvc("credit", null)).inNamespace(cluster.namespace).create();
        await().until(() -> deployment("credit-v1") != null && cluster.client.services().inNamespace(cluster.namespace).withName("credit").get() != null);
        assertThat(deployment("credit-v1").getSpec().getReplicas()).isEqualTo(4);
        assertThat(cluster.client.services().inNamespace(cluster.namespace).withName("credit").get().getSpec().getSelector())
                .as("clients reach the stable version's pods, which route").containsEntry(Labels.INFERENCE_SERVICE, "credit").containsEntry(Labels.VERSION, "1");
        cluster.deploymentReady("credit-v1");
        await().untilAsserted(() -> {
            assertThat(current("credit").getStatus().getStable().getReadyReplicas()).isEqualTo(4);
            assertThat(ready(current("credit"))).isEqualTo(ConditionStatus.True);
            assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Production);
        });

        metrics.behave(2, ScriptedCanaryMetrics.HEALTHY);
        validated("credit-risk", 2);

        awaitStep("credit", 0, 25, "credit-v2", 1, "credit-v1", 4);
        awaitStep("credit", 1, 50, "credit-v2", 2, "credit-v1", 4);
        awaitStep("credit", 2, 100, "credit-v2", 4, "credit-v1", 4);
        await().untilAsserted(() -> {
            InferenceService promoted = current("credit");
            assertThat(cluster.client.services().inNamespace(cluster.namespace).withName("credit").get().getSpec().getSelector())
                    .containsEntry(Labels.VERSION, "2");
            assertThat(routing("credit")).startsWith("{\"stable\":{\"version\":2,").doesNotContain("canary");
            assertThat(promoted.getStatus().getCanary()).isNull();
            assertThat(promoted.getStatus().getStable().getVersion()).isEqualTo(2L);
            assertThat(promoted.getStatus().getHistory().get(0).getOutcome()).isEqualTo("Promoted");
            assertThat(stage("credit-risk-v2")).isEqualTo(ModelStage.Production);
            assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Retired);
            assertThat(modelVersion("credit-risk-v1").getStatus().getReason()).isEqualTo("replaced by v2 on credit");
        });
        assertThat(deployment("credit-v1").getSpec().getReplicas()).as("kept at zero for a fast manual rollback").isZero();
        assertThat(cluster.eventReasons("credit")).contains("ServingStarted", "CanaryStarted", "CanaryStepAdvanced", "Promoted");
        assertThat(cluster.registry.scrape()).contains("mlops_rollout_total{inferenceservice=\"credit\",namespace=\"" + cluster.namespace
                + "\",outcome=\"promoted\",} 1.0");
    }

    @Test
    void aNewServicesDeploymentIsAppliedRightAfterItsServiceAccountBeforeEveryOtherObject() {
        validated("credit-risk", 1);
        cluster.requests.clear();

        cluster.client.resource(isvc("credit", null)).inNamespace(cluster.namespace).create();
        await().until(() -> deployment("credit-v1") != null
                && cluster.client.policy().v1().podDisruptionBudget().inNamespace(cluster.namespace).withName("credit").get() != null);

        List<String> applied = cluster.requests.writes().stream().filter(r -> r.method().equals("PATCH") && !r.path().endsWith("/status"))
                .map(r -> r.path().replaceAll(".*/namespaces/[^/]+/", "")).toList();
        assertThat(applied).as("the pods need only their ServiceAccount; the rest follows while they start")
                .startsWith("serviceaccounts/credit-serving", "deployments/credit-v1")
                .contains("roles/credit-serving", "rolebindings/credit-serving", "poddisruptionbudgets/credit");
    }

    @Test
    void onlyTheNewestReplacedVersionKeepsADeploymentAtZero() {
        serveVersionOne();
        metrics.behave(2, ScriptedCanaryMetrics.HEALTHY);
        metrics.behave(3, ScriptedCanaryMetrics.HEALTHY);
        validated("credit-risk", 2);
        promoteThroughTheSteps("credit-v2", "credit-v1");
        validated("credit-risk", 3);
        promoteThroughTheSteps("credit-v3", "credit-v2");

        await().untilAsserted(() -> {
            assertThat(deployment("credit-v1")).as("beyond keepPrevious 1").isNull();
            assertThat(deployment("credit-v2").getSpec().getReplicas()).isZero();
            assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Retired);
            assertThat(stage("credit-risk-v2")).isEqualTo(ModelStage.Retired);
        });
    }

    @Test
    void aCanaryWhoseErrorRateBreachesIsRolledBackAndNotRetriedOnThisService() {
        serveVersionOne();
        metrics.behave(2, ScriptedCanaryMetrics.FAILING);
        validated("credit-risk", 2);
        await().until(() -> deployment("credit-v2") != null);
        cluster.deploymentReady("credit-v2");

        await().untilAsserted(() -> {
            InferenceService rolledBack = current("credit");
            assertThat(rolledBack.getStatus().getCanary()).isNull();
            assertThat(rolledBack.getStatus().getStable().getVersion()).isEqualTo(1L);
            assertThat(rolledBack.getStatus().getHistory().get(0).getOutcome()).isEqualTo("RolledBack");
            assertThat(rolledBack.getStatus().getPhase()).isEqualTo("Degraded");
            assertThat(stage("credit-risk-v2")).as("only the gates reject; other services may still serve it").isEqualTo(ModelStage.Validated);
            assertThat(modelVersion("credit-risk-v2").getStatus().getRolledBackOn()).extracting(r -> r.getInferenceService()).containsExactly("credit");
            assertThat(modelVersion("credit-risk-v2").getStatus().getReason()).contains("error rate 0.1200 > maxErrorRate 0.0100");
        });
        cluster.deploymentReady("credit-v1");
        await().untilAsserted(() -> assertThat(deployment("credit-v2")).isNull());
        assertThat(deployment("credit-v1").getSpec().getReplicas()).isEqualTo(4);
        assertThat(cluster.events("credit")).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("RolledBack");
        });
        assertThat(cluster.registry.scrape()).contains("outcome=\"rolled_back\",} 1.0");
    }

    @Test
    void aCanaryWithoutTrafficStaysInconclusiveAndNeverAdvances() {
        serveVersionOne();
        metrics.behave(2, ScriptedCanaryMetrics.IDLE);
        validated("credit-risk", 2);
        await().until(() -> deployment("credit-v2") != null);
        cluster.deploymentReady("credit-v2");

        await().untilAsserted(() -> assertThat(current("credit").getStatus().getCanary().getAnalysis()).hasSizeGreaterThanOrEqualTo(3));
        InferenceService waiting = current("credit");
        assertThat(waiting.getStatus().getCanary().getStep()).isZero();
        assertThat(waiting.getStatus().getCanary().getAnalysis()).allSatisfy(r -> assertThat(r.getOutcome()).isEqualTo("Inconclusive"));
        assertThat(waiting.getStatus().getCanary().getFailures()).isZero();
        assertThat(stage("credit-risk-v2")).isEqualTo(ModelStage.Canary);
    }

    @Test
    void aPinnedVersionIsNeverReplacedAutomatically() {
        validated("credit-risk", 1);
        cluster.client.resource(isvc("credit", 1L)).inNamespace(cluster.namespace).create();
        await().until(() -> deployment("credit-v1") != null);
        cluster.deploymentReady("credit-v1");
        metrics.behave(2, ScriptedCanaryMetrics.HEALTHY);

        validated("credit-risk", 2);

        await().pollDelay(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(current("credit").getStatus().getCanary()).isNull();
            assertThat(current("credit").getStatus().getStable().getVersion()).isEqualTo(1L);
        });
        assertThat(deployment("credit-v2")).isNull();
        assertThat(stage("credit-risk-v2")).isEqualTo(ModelStage.Validated);
    }

    @Test
    void anOperatorRestartedMidCanaryResumesWhereItWas() {
        serveVersionOne();
        metrics.behave(2, ScriptedCanaryMetrics.HEALTHY);
        validated("credit-risk", 2);
        awaitStep("credit", 0, 25, "credit-v2", 1, "credit-v1", 4);
        awaitStep("credit", 1, 50, "credit-v2", 2, "credit-v1", 4);
        cluster.close();

        cluster = new OperatorHarness(api, cluster.namespace, Map.of(), metrics);

        assertThat(current("credit").getStatus().getCanary().getStep()).isEqualTo(1);
        awaitStep("credit", 2, 100, "credit-v2", 4, "credit-v1", 4);
        await().untilAsserted(() -> assertThat(current("credit").getStatus().getStable().getVersion()).isEqualTo(2L));
        assertThat(current("credit").getStatus().getHistory()).extracting(r -> r.getOutcome()).containsExactly("Promoted");
    }

    @Test
    void aCanaryWhosePodsNeverGetReadyIsRolledBackAtItsProgressDeadline() {
        serveVersionOne();
        // A merge patch carries no resourceVersion, so the operator's status writes cannot make it conflict.
        cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName("credit")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"canary\": {\"progressDeadline\": \"3s\"}}}");
        validated("credit-risk", 2);
        await().until(() -> deployment("credit-v2") != null);

        await().untilAsserted(() -> {
            InferenceService rolledBack = current("credit");
            assertThat(rolledBack.getStatus().getCanary()).isNull();
            assertThat(rolledBack.getStatus().getHistory().get(0).getOutcome()).isEqualTo("RolledBack");
            assertThat(rolledBack.getStatus().getHistory().get(0).getReason()).contains("0 of 1 pods ready after progressDeadline 3s");
            assertThat(deployment("credit-v2")).as("the stable version never gave up a pod, so the canary goes at once").isNull();
        });
        assertThat(deployment("credit-v1").getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void theAutoscalerNeverFightsTheCanaryAndTheNewStableKeepsItsScaledReplicas() {
        validated("credit-risk", 1);
        InferenceService autoscaled = isvc("credit", null);
        autoscaled.getSpec().setReplicas(null);
        autoscaled.getSpec().setAutoscaling(Serialization.unmarshal("{\"minReplicas\": 2, \"maxReplicas\": 8, \"targetCPUUtilization\": 70}",
                dev.seed.mlops.api.v1alpha1.Autoscaling.class));
        autoscaled.getSpec().getCanary().setSteps(List.of(step(50), step(100)));
        cluster.client.resource(autoscaled).inNamespace(cluster.namespace).create();
        await().until(() -> deployment("credit-v1") != null && hpa() != null);
        // The HPA's part: it scales the stable Deployment through the scale subresource.
        cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("credit-v1").scale(4);
        cluster.deploymentReady("credit-v1");
        await().untilAsserted(() -> assertThat(current("credit").getStatus().getStable().getReadyReplicas()).isEqualTo(4));

        metrics.behave(2, ScriptedCanaryMetrics.HEALTHY);
        validated("credit-risk", 2);
        await().untilAsserted(() -> {
            assertThat(current("credit").getStatus().getCanary()).isNotNull();
            assertThat(current("credit").getStatus().getCanary().getReplicas()).as("the scaled count, not minReplicas").isEqualTo(4);
            assertThat(hpa()).as("no HPA while the canary runs").isNull();
        });
        awaitStep("credit", 0, 50, "credit-v2", 2, "credit-v1", 4);
        awaitStep("credit", 1, 100, "credit-v2", 4, "credit-v1", 4);

        await().untilAsserted(() -> {
            assertThat(current("credit").getStatus().getStable().getVersion()).isEqualTo(2L);
            assertThat(hpa()).isNotNull();
            assertThat(hpa().getSpec().getScaleTargetRef().getName()).isEqualTo("credit-v2");
            assertThat(deployment("credit-v2").getMetadata().getManagedFields()).anySatisfy(f -> assertThat(f.getManager()).isEqualTo("mlops-operator-hpa-handover"));
        });
        cluster.deploymentReady("credit-v2");
        assertThat(deployment("credit-v2").getSpec().getReplicas()).as("handed to the HPA without dropping to one pod").isEqualTo(4);
    }

    @Test
    void aCanaryWhoseRealisedQualityIsWorseThanStablesOverTheSameWindowIsRolledBack() throws Exception {
        validated("credit-risk", 1);
        InferenceService isvc = isvc("credit", null);
        isvc.getSpec().setPredictionLog(new PredictionLogSpec());
        isvc.getSpec().getCanary().getAnalysis().setFailureLimit(0);
        CanaryQualityGate quality = new CanaryQualityGate();
        quality.setMetric(Metric.auc);
        quality.setMaxDegradation(0.05);
        quality.setMinLabels(300L);
        isvc.getSpec().getCanary().getAnalysis().setQuality(quality);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        await().until(() -> deployment("credit-v1") != null);
        cluster.deploymentReady("credit-v1");
        metrics.behave(2, ScriptedCanaryMetrics.HEALTHY);
        validated("credit-risk", 2);
        await().until(() -> deployment("credit-v2") != null);
        cluster.deploymentReady("credit-v2");

        Job comparison = await().until(() -> qualityJobs("credit").stream().findFirst().orElse(null), job -> job != null);
        assertThat(comparison.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("credit"));
        List<String> args = comparison.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        String since = await().until(() -> Optional.ofNullable(current("credit").getStatus().getCanary()).map(c -> c.getQuality())
                .map(q -> q.getSince()).orElse(null), s -> s != null);
        assertThat(args).containsSubsequence("evaluate-quality", "--namespace", cluster.namespace, "--inference-service", "credit",
                "--model", "credit-risk", "--versions", "1,2", "--from", since);
        cluster.podEnded(comparison, 0, 0, new JobResult("evaluate-quality", true, null, null, 1500L, null, null,
                Map.of("v1.auc", 0.82, "v1.labelled", 1000.0, "v2.auc", 0.71, "v2.labelled", 420.0, "refused", 0.0), "v1: 1000 labelled; v2: 420"));
        cluster.jobSucceeded(comparison);

        await().untilAsserted(() -> {
            InferenceService rolledBack = current("credit");
            assertThat(rolledBack.getStatus().getCanary()).isNull();
            assertThat(rolledBack.getStatus().getStable().getVersion()).isEqualTo(1L);
            assertThat(rolledBack.getStatus().getHistory().get(0).getOutcome()).isEqualTo("RolledBack");
            assertThat(rolledBack.getStatus().getHistory().get(0).getReason())
                    .contains("auc of canary v2 0.7100 on 420 labels, of stable v1 0.8200 on 1000 labels: relative loss 0.1341 > maxDegradation 0.0500");
            assertThat(rolledBack.getStatus().getHistory().get(0).getLastAnalysis().getQuality()).satisfies(q -> {
                assertThat(q.getStable()).isEqualTo(0.82);
                assertThat(q.getCanary()).isEqualTo(0.71);
            });
        });
        assertThat(cluster.eventReasons("credit")).contains("CanaryAnalysisFailed", "RolledBack");
    }

    @Test
    void aDriftPolicyAddedChangedOrDeletedReachesThePodsThroughTheirConfigMapWithoutRollingThem() {
        serveVersionOne();
        await().until(() -> routing("credit").contains("\"stable\""));
        long generation = deployment("credit-v1").getMetadata().getGeneration();
        assertThat(driftWindow("credit")).as("no policy: the server's own window").isNull();

        cluster.client.resource(TestObjects.driftPolicy("credit-drift", "credit")).inNamespace(cluster.namespace).create();
        await().until(() -> driftWindow("credit") != null || deployment("credit-v1").getMetadata().getGeneration() != generation);
        assertThat(deployment("credit-v1").getMetadata().getGeneration()).as("the pod template did not change").isEqualTo(generation);
        assertThat(driftWindow("credit")).isEqualTo("{\"window\":{\"rows\":5000}}");
        cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName("credit-drift")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"window\":{\"count\":null,\"duration\":\"90m\"}}}");
        await().untilAsserted(() -> assertThat(driftWindow("credit")).isEqualTo("{\"window\":{\"duration\":\"PT1H30M\"}}"));
        cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName("credit-drift").delete();
        await().untilAsserted(() -> assertThat(driftWindow("credit")).isNull());

        assertThat(deployment("credit-v1").getMetadata().getGeneration()).as("the pod template never changed").isEqualTo(generation);
    }

    private String driftWindow(String name) {
        var configMap = cluster.client.configMaps().inNamespace(cluster.namespace).withName(name + "-routing").get();
        return configMap == null ? null : configMap.getData().get("drift.json");
    }

    private List<Job> qualityJobs(String service) {
        return cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).withLabel(Labels.INFERENCE_SERVICE, service)
                .withLabel(Labels.COMPONENT, "canary-quality").list().getItems();
    }

    private void serveVersionOne() {
        validated("credit-risk", 1);
        cluster.client.resource(isvc("credit", null)).inNamespace(cluster.namespace).create();
        await().until(() -> deployment("credit-v1") != null);
        cluster.deploymentReady("credit-v1");
        await().untilAsserted(() -> assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Production));
    }

    private void promoteThroughTheSteps(String canary, String stable) {
        awaitStep("credit", 0, 25, canary, 1, stable, 4);
        awaitStep("credit", 1, 50, canary, 2, stable, 4);
        awaitStep("credit", 2, 100, canary, 4, stable, 4);
        await().untilAsserted(() -> assertThat(current("credit").getStatus().getStable().getDeployment()).isEqualTo(canary));
    }

    /**
     * Waits for a canary step, makes its pods ready as the cluster would, then waits for the routing to give the canary
     * the step's share while the stable version, which receives every request, keeps its pods.
     */
    private void awaitStep(String name, int step, int weight, String canary, int canaryReplicas, String stable, int stableReplicas) {
        await().untilAsserted(() -> {
            InferenceService isvc = current(name);
            assertThat(isvc.getStatus().getCanary()).isNotNull();
            assertThat(isvc.getStatus().getCanary().getStep()).isEqualTo(step);
            assertThat(isvc.getStatus().getCanary().getWeight()).isEqualTo(weight);
            assertThat(deployment(canary).getSpec().getReplicas()).isEqualTo(canaryReplicas);
            assertThat(stage(canary.replace("credit-", "credit-risk-"))).isEqualTo(ModelStage.Canary);
        });
        cluster.deploymentReady(canary);
        await().untilAsserted(() -> assertThat(routing(name)).contains("\"weight\":" + weight + ","));
        assertThat(deployment(stable).getSpec().getReplicas()).isEqualTo(stableReplicas);
    }

    private String routing(String name) {
        var configMap = cluster.client.configMaps().inNamespace(cluster.namespace).withName(name + "-routing").get();
        return configMap == null ? "" : configMap.getData().get("routing.json");
    }

    private InferenceService isvc(String name, Long pinned) {
        InferenceService isvc = TestObjects.inferenceService(name);
        isvc.getSpec().setReplicas(4);
        isvc.getSpec().setVersion(pinned);
        isvc.getSpec().getCanary().setSteps(List.of(step(25), step(50), step(100)));
        isvc.getSpec().getCanary().getAnalysis().setInterval("1s");
        isvc.getSpec().getCanary().getAnalysis().setFailureLimit(1);
        return isvc;
    }

    private void validated(String model, long version) {
        ModelVersion mv = TestObjects.handMadeModelVersion(model + "-v" + version);
        mv.getSpec().setModel(model);
        mv.getSpec().setVersion(version);
        mv.getMetadata().setAnnotations(Map.of(Labels.GATE_DECISION, "Validated", Labels.GATE_REASON, "passed: auc 0.8" + version));
        cluster.client.resource(mv).inNamespace(cluster.namespace).create();
        await().untilAsserted(() -> assertThat(stage(mv.getMetadata().getName())).isNotNull());
    }

    private static CanaryStep step(int weight) {
        CanaryStep step = new CanaryStep();
        step.setWeight(weight);
        return step;
    }

    private InferenceService current(String name) {
        return cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private ModelVersion modelVersion(String name) {
        return cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private ModelStage stage(String name) {
        ModelVersion mv = modelVersion(name);
        return mv == null || mv.getStatus() == null ? null : mv.getStatus().getStage();
    }

    private io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa() {
        return cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(cluster.namespace).withName("credit").get();
    }

    private Deployment deployment(String name) {
        return cluster.client.apps().deployments().inNamespace(cluster.namespace).withName(name).get();
    }

    private static ConditionStatus ready(InferenceService isvc) {
        return isvc.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow().getStatus();
    }
}
