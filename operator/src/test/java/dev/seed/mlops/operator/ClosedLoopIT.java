package dev.seed.mlops.operator;

import static dev.seed.mlops.operator.TestObjects.prepared;
import static dev.seed.mlops.operator.TestObjects.trained;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.drift.DriftReading;
import dev.seed.mlops.operator.inferenceservice.ScriptedCanaryMetrics;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole loop on the real API server, from the samples users apply: v1 serving → drift breach → the Dataset is
 * prepared again → a retraining TrainingJob → v2 Validated → canary 10/50/100 → promoted → v1 Retired, naming the drift.
 * The test plays the Job and Deployment controllers and the kubelet; drift and canary readings come through their
 * provider interfaces.
 */
@ExtendWith(ApiServerExtension.class)
class ClosedLoopIT {
    private static final Map<String, Double> METRICS = Map.of("auc", 0.82, "logLoss", 0.41);
    private static final AtomicBoolean DRIFTING = new AtomicBoolean(false);
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        ScriptedCanaryMetrics healthy = new ScriptedCanaryMetrics(Clock.systemUTC());
        healthy.behave(2, new ScriptedCanaryMetrics.Behaviour(400, 0, 9.0, 0.03));
        cluster = new OperatorHarness(api, "closed-loop", Map.of(), healthy, policy -> (target, metric) -> new DriftReading(5000,
                Map.of("age", DRIFTING.get() ? 0.41 : 0.03, "limit_balance", 0.02, DriftReading.PREDICTION, DRIFTING.get() ? 0.12 : 0.01)));
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void driftRetrainsAndTheNewVersionReplacesTheDriftedOneThroughTheCanary() throws Exception {
        apply("01-dataset.yaml", Dataset.class);
        Job prepare = awaitJob("credit-risk-prepare-1");
        cluster.podEnded(prepare, 0, 0, prepared("11".repeat(32), 30000));
        cluster.jobSucceeded(prepare);

        apply("02-trainingjob.yaml", TrainingJob.class);
        Job train = awaitJob("credit-risk-train-1-train");
        cluster.podEnded(train, 0, 0, trained("credit-risk", 1, METRICS));
        cluster.jobSucceeded(train);
        await().untilAsserted(() -> assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Validated));

        InferenceService isvc = read("03-inferenceservice.yaml", InferenceService.class);
        isvc.getSpec().getCanary().setSteps(List.of(step(10), step(50), step(100)));
        isvc.getSpec().getCanary().getAnalysis().setInterval("1s");
        cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        awaitDeploymentThenReady("credit-risk-v1");
        await().untilAsserted(() -> assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Production));

        DriftPolicy policy = read("04-driftpolicy.yaml", DriftPolicy.class);
        policy.getSpec().setCheckInterval("1s");
        policy.getSpec().setConsecutiveBreaches(2);
        cluster.client.resource(policy).inNamespace(cluster.namespace).create();
        await().untilAsserted(() -> assertThat(driftPolicy().getStatus().getPhase()).isEqualTo("Healthy"));

        DRIFTING.set(true);
        Job refresh = await().until(() -> newestPrepareJob(), job -> job != null && !job.getMetadata().getName().equals("credit-risk-prepare-1"));
        cluster.podEnded(refresh, 0, 0, prepared("22".repeat(32), 31000));
        cluster.jobSucceeded(refresh);
        String retrain = await().until(() -> driftPolicy().getStatus().getLastTriggered(), t -> t != null).getTrainingJob();
        assertThat(driftPolicy().getStatus().getLastTriggered().getReason()).contains("age").contains("0.41");
        Job retrainJob = awaitJob(retrain + "-train");
        assertThat(retrainJob.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--version", "2");
        DRIFTING.set(false);
        cluster.podEnded(retrainJob, 0, 0, trained("credit-risk", 2, METRICS));
        cluster.jobSucceeded(retrainJob);
        await().untilAsserted(() -> assertThat(modelVersion("credit-risk-v2").getSpec().getSource().getDatasetDigest())
                .isEqualTo("sha256:" + "22".repeat(32)));

        for (int weight : new int[] {10, 50, 100}) {
            await().untilAsserted(() -> assertThat(inferenceService().getStatus().getCanary().getWeight()).isEqualTo(weight));
            cluster.deploymentReady("credit-risk-v2");
            cluster.deploymentReady("credit-risk-v1");
        }

        await().untilAsserted(() -> {
            assertThat(inferenceService().getStatus().getStable().getVersion()).isEqualTo(2L);
            assertThat(stage("credit-risk-v2")).isEqualTo(ModelStage.Production);
            assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Retired);
            assertThat(modelVersion("credit-risk-v1").getStatus().getReason())
                    .startsWith("replaced by v2 on credit-risk; retrained after drift:").contains("age");
        });
        assertThat(cluster.eventReasons("credit-risk")).contains("ServingStarted", "CanaryStarted", "Promoted");
        assertThat(cluster.eventReasons("credit-risk-drift")).contains("DriftDetected", "RetrainTriggered");
        assertThat(cluster.registry.scrape()).contains("mlops_retrain_triggered_total").contains("outcome=\"promoted\"");
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(String sample, Class<T> type) throws Exception {
        return cluster.client.resource(read(sample, type)).inNamespace(cluster.namespace).create();
    }

    private static <T> T read(String sample, Class<T> type) throws Exception {
        return Serialization.unmarshal(Files.readString(RepoRoot.path().resolve("config/samples").resolve(sample)), type);
    }

    private static void awaitDeploymentThenReady(String name) {
        await().until(() -> cluster.client.apps().deployments().inNamespace(cluster.namespace).withName(name).get(), d -> d != null);
        cluster.deploymentReady(name);
    }

    private static Job newestPrepareJob() {
        return cluster.client.batch().v1().jobs().inNamespace(cluster.namespace).withLabel("mlops.seed.dev/dataset", "credit-risk")
                .list().getItems().stream().max(Comparator.comparing(j -> j.getMetadata().getCreationTimestamp())).orElse(null);
    }

    private static Job awaitJob(String name) {
        return await().until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    private static CanaryStep step(int weight) {
        CanaryStep step = new CanaryStep();
        step.setWeight(weight);
        return step;
    }

    private static InferenceService inferenceService() {
        return cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName("credit-risk").get();
    }

    private static DriftPolicy driftPolicy() {
        return cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName("credit-risk-drift").get();
    }

    private static ModelVersion modelVersion(String name) {
        return cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static ModelStage stage(String name) {
        ModelVersion mv = modelVersion(name);
        return mv == null || mv.getStatus() == null ? null : mv.getStatus().getStage();
    }

    @SuppressWarnings("unused")
    private static Deployment deployment(String name) {
        return cluster.client.apps().deployments().inNamespace(cluster.namespace).withName(name).get();
    }
}
