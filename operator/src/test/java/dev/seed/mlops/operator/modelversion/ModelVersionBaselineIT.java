package dev.seed.mlops.operator.modelversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.BaselinePhase;
import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.ModelBaseline;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A model brought by hand gets its drift baseline from the Dataset it names: the operator waits for the Dataset's
 * snapshot, runs the baseline Job on it and records the baseline, with the test playing the Job controller.
 */
@ExtendWith(ApiServerExtension.class)
class ModelVersionBaselineIT {
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = new OperatorHarness(api, "baselines", Map.of());
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void aBaselineIsProfiledFromTheNamedDatasetOnceItHasASnapshot() throws Exception {
        cluster.client.resource(withBaseline("fraud-score-v1", "transactions")).inNamespace(cluster.namespace).create();
        await().untilAsserted(() -> assertThat(condition("fraud-score-v1").getMessage())
                .isEqualTo("waiting for Dataset transactions, which does not exist"));

        cluster.client.resource(TestObjects.dataset("transactions")).inNamespace(cluster.namespace).create();
        Job prepare = awaitJob("transactions-prepare-1");
        cluster.podEnded(prepare, 0, 0, TestObjects.prepared("ab".repeat(32), 20000));
        cluster.jobSucceeded(prepare);

        Job baseline = awaitJob("fraud-score-v1-baseline");
        ModelVersion version = current("fraud-score-v1");
        assertThat(baseline.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(version.getMetadata().getUid()));
        assertThat(baseline.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).startsWith("baseline")
                .containsSequence("--snapshot", "pvc://mlops-store/datasets/credit-risk/sha256-" + "ab".repeat(32))
                .containsSequence("--store", "pvc://mlops-store");
        await().untilAsserted(() -> assertThat(current("fraud-score-v1").getStatus().getBaseline().getPhase()).isEqualTo(BaselinePhase.Profiling));

        String uri = "pvc://mlops-store/baselines/fraud-score/1/sha256-" + "ab".repeat(32);
        cluster.podEnded(baseline, 0, 0, new JobResult("baseline", true, "sha256:" + "ab".repeat(32), uri, 20000L, null, null, null,
                "baseline of 4 features"));
        cluster.jobSucceeded(baseline);

        await().untilAsserted(() -> {
            ModelVersion ready = current("fraud-score-v1");
            assertThat(ready.getStatus().getBaseline().getPhase()).isEqualTo(BaselinePhase.Ready);
            assertThat(ready.getStatus().getBaseline().getUri()).isEqualTo(uri);
            assertThat(ready.getStatus().getBaseline().getSnapshot()).isEqualTo("sha256:" + "ab".repeat(32));
            assertThat(ready.getStatus().getBaseline().getRows()).isEqualTo(20000L);
            assertThat(condition("fraud-score-v1").getStatus()).isEqualTo(ConditionStatus.True);
        });
        assertThat(cluster.eventReasons("fraud-score-v1")).contains("BaselineStarted", "BaselineComputed");
    }

    @Test
    void aFailedBaselineJobSaysWhyInTheCondition() throws Exception {
        cluster.client.resource(TestObjects.dataset("payments")).inNamespace(cluster.namespace).create();
        Job prepare = awaitJob("payments-prepare-1");
        cluster.podEnded(prepare, 0, 0, TestObjects.prepared("cd".repeat(32), 20000));
        cluster.jobSucceeded(prepare);
        cluster.client.resource(withBaseline("fraud-score-v2", "payments")).inNamespace(cluster.namespace).create();
        Job baseline = awaitJob("fraud-score-v2-baseline");
        String message = "feature 'amount' of the model is not a column of the snapshot pvc://mlops-store/datasets/payments/sha256-"
                + "cd".repeat(32) + " (its columns: limit_balance, age): rule baseline-features";

        cluster.podEnded(baseline, 0, 2, TestObjects.failed("baseline", message));
        cluster.jobFailed(baseline, 1, "PodFailurePolicy", "Container trainer for pod failed with exit code 2");

        await().untilAsserted(() -> {
            assertThat(current("fraud-score-v2").getStatus().getBaseline().getPhase()).isEqualTo(BaselinePhase.Failed);
            assertThat(condition("fraud-score-v2").getStatus()).isEqualTo(ConditionStatus.False);
            assertThat(condition("fraud-score-v2").getMessage()).isEqualTo("baseline Job fraud-score-v2-baseline failed: " + message);
        });
        assertThat(cluster.events("fraud-score-v2")).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("BaselineFailed");
        });
    }

    @Test
    void aHandMadeVersionWithoutBaselineSaysDriftCannotBeWatched() {
        cluster.client.resource(TestObjects.handMadeModelVersion("fraud-score-v3")).inNamespace(cluster.namespace).create();

        await().untilAsserted(() -> {
            assertThat(current("fraud-score-v3").getStatus().getBaseline().getPhase()).isEqualTo(BaselinePhase.None);
            assertThat(condition("fraud-score-v3").getStatus()).isEqualTo(ConditionStatus.False);
            assertThat(condition("fraud-score-v3").getMessage()).contains("drift cannot be watched for this version");
            assertThat(cluster.eventReasons("fraud-score-v3")).contains("NoDriftBaseline");
        });
        assertThat(cluster.job("fraud-score-v3-baseline")).isEmpty();
    }

    private static ModelVersion withBaseline(String name, String dataset) {
        ModelVersion version = TestObjects.handMadeModelVersion(name);
        version.getSpec().setVersion(Long.parseLong(name.substring(name.lastIndexOf('v') + 1)));
        ModelBaseline baseline = new ModelBaseline();
        baseline.setDataset(dataset);
        version.getSpec().setBaseline(baseline);
        return version;
    }

    private static Job awaitJob(String name) {
        return await().until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    private static ModelVersion current(String name) {
        return cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static Condition condition(String name) {
        return current(name).getStatus().getConditions().stream().filter(c -> BaselinePlanner.CONDITION.equals(c.getType())).findFirst().orElseThrow();
    }
}
