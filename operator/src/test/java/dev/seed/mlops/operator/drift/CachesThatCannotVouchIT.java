package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.drift.ScriptedDriftProvider.clear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobStatus;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reconcile that reads from an informer cache which cannot vouch for it acts on nothing. Found in the demo: the
 * operator lost its Lease on a starved node, and while it stopped (JOSDK turns each informer off and clears it, while
 * reconciles already running go on) a DriftPolicy read its retrain's TrainingJob as gone and failed the retrain,
 * though the TrainingJob had succeeded and its version was in canary.
 */
@ExtendWith(ApiServerExtension.class)
class CachesThatCannotVouchIT {
    private static final ScriptedDriftProvider DRIFT = new ScriptedDriftProvider();
    private static final String POLICIES = "driftpolicyreconciler";
    private static final String VERSIONS = "modelversionreconciler";
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = OperatorHarness.reconcilingOnly(api, "drift-stopping", DRIFT, Set.of(DriftPolicy.class, ModelVersion.class));
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void aRetrainIsNotFailedByATrainingJobCacheThatWasStoppedAndCleared() throws Exception {
        DRIFT.script("stopping-drift", (target, n) -> clear());
        serving("credit-risk");
        DriftPolicy policy = cluster.client.resource(policy("stopping-drift", "credit-risk")).inNamespace(cluster.namespace).create();
        succeededRetrain(policy, "stopping-drift-retrain-1", "credit-risk-v8", 8);
        triggered(policy, "stopping-drift-retrain-1");
        await().untilAsserted(() -> assertThat(current().getStatus().getLastTriggered().getState()).isEqualTo(RetrainState.Replacing));

        cluster.stopInformer(POLICIES, TrainingJob.class, DriftPolicyReconciler.TRAINING_JOBS);
        double before = reconciled(POLICIES);
        canaryWeight("credit-risk", 20); // wakes the policy through its InferenceService informer
        await().until(() -> reconciled(POLICIES) >= before + 2);

        assertThat(current().getStatus().getLastTriggered().getState())
                .as("the TrainingJob exists: a cleared cache must not make it gone (message: %s)", current().getStatus().getLastTriggered().getMessage())
                .isEqualTo(RetrainState.Replacing);
        assertThat(cluster.client.resources(TrainingJob.class).inNamespace(cluster.namespace).withName("stopping-drift-retrain-1").get()).isNotNull();
    }

    @Test
    void aServedVersionIsNotReleasedForDeletionByAnInferenceServiceCacheThatWasStoppedAndCleared() {
        cluster.client.resource(TestObjects.handMadeModelVersion("fraud-score-v1")).inNamespace(cluster.namespace).create();
        InferenceService isvc = TestObjects.inferenceService("fraud");
        isvc.getSpec().setModel("fraud-score");
        isvc = cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        ServingVersion stable = new ServingVersion();
        stable.setVersion(1L);
        stable.setModelVersion("fraud-score-v1");
        isvc.setStatus(new InferenceServiceStatus());
        isvc.getStatus().setStable(stable);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).updateStatus();
        await().untilAsserted(() -> assertThat(version("fraud-score-v1").getStatus().getServedBy()).containsExactly("fraud"));

        cluster.stopInformer(VERSIONS, InferenceService.class, "inferenceservices");
        double before = reconciled(VERSIONS);
        cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName("fraud-score-v1").delete();
        // Released, it is gone after one cleanup; kept, its cleanup comes back.
        await().until(() -> version("fraud-score-v1") == null || reconciled(VERSIONS) >= before + 2);

        assertThat(version("fraud-score-v1")).as("still served by fraud: its finalizer stays").isNotNull();
    }

    private static ModelVersion version(String name) {
        return cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
    }

    /** The InferenceService reconciler's part: v7 stable, the retrained version in canary. */
    private static void serving(String name) {
        InferenceService isvc = TestObjects.inferenceService(name);
        isvc.getSpec().setModel(name);
        isvc = cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        ServingVersion stable = new ServingVersion();
        stable.setVersion(7L);
        stable.setModelVersion(name + "-v7");
        stable.setReadyReplicas(2);
        CanaryStatus canary = new CanaryStatus();
        canary.setModelVersion(name + "-v8");
        canary.setWeight(10);
        canary.setStep(0);
        isvc.setStatus(new InferenceServiceStatus());
        isvc.getStatus().setStable(stable);
        isvc.getStatus().setCanary(canary);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).updateStatus();
    }

    private static void canaryWeight(String name, int weight) {
        InferenceService isvc = cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName(name).get();
        isvc.getStatus().getCanary().setWeight(weight);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).updateStatus();
    }

    /** The TrainingJob reconciler's part: the retrain the policy made, succeeded, its version registered. */
    private static void succeededRetrain(DriftPolicy policy, String name, String modelVersion, long version) {
        TrainingJob job = TestObjects.trainingJob(name, "credit");
        job.getMetadata().setLabels(Labels.managed(RetrainJobs.COMPONENT, Labels.DRIFT_POLICY, policy));
        job.getMetadata().setOwnerReferences(List.of(Owners.controller(policy)));
        job = cluster.client.resource(job).inNamespace(cluster.namespace).create();
        TrainingJobStatus status = new TrainingJobStatus();
        status.setPhase("Succeeded");
        status.setModelVersion(modelVersion);
        status.setVersion(version);
        job.setStatus(status);
        cluster.client.resource(job).inNamespace(cluster.namespace).updateStatus();
    }

    /** The policy's own record of the retrain it started (what a breach had written). */
    private static void triggered(DriftPolicy policy, String trainingJob) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName(policy.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"lastTriggered\":{\"trainingJob\":\"" + trainingJob
                        + "\",\"time\":\"" + now + "\",\"reason\":\"drift on feature age\",\"state\":\"Training\"}}}");
    }

    private static DriftPolicy policy(String name, String target) throws Exception {
        DriftPolicy policy = Serialization.unmarshal(Files.readString(RepoRoot.path().resolve("config/samples/04-driftpolicy.yaml")), DriftPolicy.class);
        policy.getMetadata().setName(name);
        policy.getSpec().getTargetRef().setName(target);
        policy.getSpec().setAction(DriftAction.Retrain);
        policy.getSpec().setCheckInterval("1s");
        return policy;
    }

    private static DriftPolicy current() {
        return cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName("stopping-drift").get();
    }

    /** JOSDK's count of a controller's finished reconciles and cleanups. */
    private static double reconciled(String controller) {
        return cluster.registry.scrape().lines()
                .filter(line -> line.startsWith("reconciliations_success_total{") && line.contains("\"" + controller + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
