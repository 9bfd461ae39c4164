package dev.seed.mlops.operator;

import static dev.seed.mlops.operator.TestObjects.prepared;
import static dev.seed.mlops.operator.TestObjects.trained;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.drift.DriftReading;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each kind under the longest name its admission rule accepts, on the real API server: every child the operator
 * derives from it (prepare Jobs, the train Job, the serving Deployments and Services, the retrain TrainingJob and its
 * Job) is accepted too, since the API server applies the 63-character and DNS-1035 rules to them.
 */
@ExtendWith(ApiServerExtension.class)
class LongestNamesIT {
    private static final String DATASET = longest("credit-risk-data", Dataset.MAX_NAME_LENGTH);
    private static final String TRAINING_JOB = longest("credit-risk-train", TrainingJob.MAX_NAME_LENGTH);
    private static final String SERVICE = longest("credit-risk-serving", InferenceService.MAX_NAME_LENGTH);
    private static final String POLICY = longest("credit-risk-drift", DriftPolicy.MAX_NAME_LENGTH);
    private static final String HAND_MADE_VERSION = longest("fraud-score-onnx", ModelVersion.MAX_NAME_LENGTH);
    private static final Map<String, Double> METRICS = Map.of("auc", 0.82, "logLoss", 0.41);
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = new OperatorHarness(api, "longest-names", Map.of(), policy -> (target, metric) -> new DriftReading(5000,
                Map.of("age", 0.41, "limit_balance", 0.02, DriftReading.PREDICTION, 0.01)));
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void everyChildOfTheLongestNamesIsCreated() throws Exception {
        create(TestObjects.dataset(DATASET));
        finish(awaitJob(DATASET + "-prepare-1"), prepared("11".repeat(32), 30000));

        TrainingJob trainingJob = TestObjects.trainingJob(TRAINING_JOB, DATASET);
        trainingJob.getSpec().getEvaluation().getMustBeatServing().getInferenceServiceRef().setName(SERVICE);
        create(trainingJob);
        finish(awaitJob(TRAINING_JOB + "-train"), trained("credit-risk", 1, METRICS));
        await().untilAsserted(() -> assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Validated));

        create(TestObjects.inferenceService(SERVICE));
        await().until(() -> cluster.client.apps().deployments().inNamespace(cluster.namespace).withName(SERVICE + "-v1").get() != null);
        cluster.deploymentReady(SERVICE + "-v1");
        await().untilAsserted(() -> assertThat(stage("credit-risk-v1")).isEqualTo(ModelStage.Production));
        assertThat(cluster.client.services().inNamespace(cluster.namespace).withName(SERVICE + "-v1").get()).isNotNull();
        assertThat(cluster.client.services().inNamespace(cluster.namespace).withName(SERVICE).get()).isNotNull();

        DriftPolicy policy = sample("04-driftpolicy.yaml", DriftPolicy.class);
        policy.getMetadata().setName(POLICY);
        policy.getSpec().getTargetRef().setName(SERVICE);
        policy.getSpec().getRetrain().getTemplate().getDatasetRef().setName(DATASET);
        policy.getSpec().setCheckInterval("1s");
        policy.getSpec().setConsecutiveBreaches(1);
        create(policy);

        Job refresh = await().until(() -> cluster.client.batch().v1().jobs().inNamespace(cluster.namespace)
                .withLabel("mlops.seed.dev/dataset", DATASET).list().getItems().stream()
                .filter(job -> !job.getMetadata().getName().equals(DATASET + "-prepare-1")).findFirst().orElse(null), job -> job != null);
        assertThat(refresh.getMetadata().getName()).startsWith(DATASET + "-prepare-1-");
        finish(refresh, prepared("22".repeat(32), 31000));
        Job retrain = awaitJob(POLICY + "-retrain-1-train");
        finish(retrain, trained("credit-risk", 2, METRICS));
        await().until(() -> cluster.client.apps().deployments().inNamespace(cluster.namespace).withName(SERVICE + "-v2").get() != null
                && cluster.client.services().inNamespace(cluster.namespace).withName(SERVICE + "-v2").get() != null);
    }

    @Test
    void aHandMadeModelVersionOfTheLongestNameIsRegistered() {
        create(TestObjects.handMadeModelVersion(HAND_MADE_VERSION));

        await().untilAsserted(() -> assertThat(cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace)
                .withName(HAND_MADE_VERSION).get().getStatus().getStage()).isEqualTo(ModelStage.Candidate));
    }

    /** {@code stem} padded to exactly {@code length} characters. */
    private static String longest(String stem, int length) {
        return (stem + "-" + "x".repeat(length)).substring(0, length);
    }

    private static void create(io.fabric8.kubernetes.api.model.HasMetadata object) {
        cluster.client.resource(object).inNamespace(cluster.namespace).create();
    }

    private static Job awaitJob(String name) {
        return await().until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    private static void finish(Job job, dev.seed.mlops.artifact.JobResult result) throws Exception {
        cluster.podEnded(job, 0, 0, result);
        cluster.jobSucceeded(job);
    }

    private static ModelStage stage(String name) {
        ModelVersion version = cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
        return version == null || version.getStatus() == null ? null : version.getStatus().getStage();
    }

    private static <T> T sample(String file, Class<T> type) throws Exception {
        return Serialization.unmarshal(Files.readString(RepoRoot.path().resolve("config/samples").resolve(file)), type);
    }
}
