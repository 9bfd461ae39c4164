package dev.seed.mlops.operator.dataset;

import static dev.seed.mlops.operator.TestObjects.dataset;
import static dev.seed.mlops.operator.TestObjects.failed;
import static dev.seed.mlops.operator.TestObjects.prepared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ApiServerExtension.class)
class DatasetReconcilerIT {
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = new OperatorHarness(api, "datasets", Map.of());
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void preparesASnapshotAndReportsItInStatus() throws Exception {
        Dataset dataset = cluster.client.resource(dataset("credit")).inNamespace(cluster.namespace).create();

        Job job = awaitJob("credit-prepare-1");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(dataset.getMetadata().getUid()));
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .startsWith("prepare", "--name", "credit").contains("--store", "pvc://mlops-store");
        await().untilAsserted(() -> assertThat(current("credit").getStatus().getPhase()).isEqualTo("Preparing"));

        cluster.podEnded(job, 0, 0, prepared("ab".repeat(32), 30000));
        cluster.jobSucceeded(job);

        await().untilAsserted(() -> {
            Dataset ready = current("credit");
            assertThat(condition(ready, "Ready").getStatus()).isEqualTo(ConditionStatus.True);
            assertThat(ready.getStatus().getLatestSnapshot().getDigest()).isEqualTo("sha256:" + "ab".repeat(32));
            assertThat(ready.getStatus().getLatestSnapshot().getRows()).isEqualTo(30000L);
            assertThat(ready.getStatus().getPhase()).isEqualTo("Ready");
            assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);
            assertThat(condition(ready, "Validated").getStatus()).isEqualTo(ConditionStatus.True);
        });
        assertThat(cluster.eventReasons("credit")).contains("PrepareStarted", "SnapshotPrepared");
    }

    @Test
    void failedValidationMakesTheDatasetNotReadyWithTheMessageAndAWarning() throws Exception {
        cluster.client.resource(dataset("broken")).inNamespace(cluster.namespace).create();
        Job job = awaitJob("broken-prepare-1");
        String message = "credit.csv row 12, column age: 'abc' is not a number (rule: numeric feature)";

        cluster.podEnded(job, 0, 1, failed("prepare", message));
        cluster.jobFailed(job, 1, "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        await().untilAsserted(() -> {
            Dataset broken = current("broken");
            assertThat(condition(broken, "Ready").getStatus()).isEqualTo(ConditionStatus.False);
            assertThat(condition(broken, "Ready").getReason()).isEqualTo("ValidationFailed");
            assertThat(condition(broken, "Ready").getMessage()).contains(message);
            assertThat(broken.getStatus().getValidation().getViolations()).containsExactly(message);
            assertThat(broken.getStatus().getPhase()).isEqualTo("Failed");
        });
        assertThat(cluster.events("broken")).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("ValidationFailed");
            assertThat(event.getMessage()).contains("row 12, column age");
        });
    }

    @Test
    void aSpecChangePreparesAgainAndTheOldSnapshotStaysInHistory() throws Exception {
        cluster.client.resource(dataset("changing")).inNamespace(cluster.namespace).create();
        Job first = awaitJob("changing-prepare-1");
        cluster.podEnded(first, 0, 0, prepared("01".repeat(32), 6000));
        cluster.jobSucceeded(first);
        await().untilAsserted(() -> assertThat(current("changing").getStatus().getPhase()).isEqualTo("Ready"));

        cluster.client.resources(Dataset.class).inNamespace(cluster.namespace).withName("changing")
                .edit(ds -> {
                    ds.getSpec().getValidation().setMinRows(6000L);
                    return ds;
                });
        Job second = awaitJob("changing-prepare-2");
        cluster.podEnded(second, 0, 0, prepared("02".repeat(32), 7000));
        cluster.jobSucceeded(second);

        await().untilAsserted(() -> {
            Dataset changed = current("changing");
            assertThat(changed.getStatus().getLatestSnapshot().getDigest()).isEqualTo("sha256:" + "02".repeat(32));
            assertThat(changed.getStatus().getSnapshots()).extracting(s -> s.getDigest())
                    .containsExactly("sha256:" + "02".repeat(32), "sha256:" + "01".repeat(32));
            assertThat(changed.getStatus().getObservedGeneration()).isEqualTo(2L);
        });
    }

    /** Defect 8: a prepare whose Job was deleted before it finished stayed Preparing forever. */
    @Test
    void aPrepareWhoseJobIsDeletedStartsAgainWithANewJob() throws Exception {
        Dataset dataset = cluster.client.resource(dataset("vanishing")).inNamespace(cluster.namespace).create();
        Job first = awaitJob("vanishing-prepare-1");
        await().untilAsserted(() -> assertThat(current("vanishing").getStatus().getPrepareJob()).isEqualTo("vanishing-prepare-1"));

        cluster.client.resource(first).delete();

        Job again = awaitJob("vanishing-prepare-1-r2");
        assertThat(again.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(dataset.getMetadata().getUid()));
        await().untilAsserted(() -> assertThat(current("vanishing").getStatus().getPrepareJob()).isEqualTo("vanishing-prepare-1-r2"));
        cluster.podEnded(again, 0, 0, prepared("0a".repeat(32), 500));
        cluster.jobSucceeded(again);
        await().untilAsserted(() -> assertThat(current("vanishing").getStatus().getPhase()).isEqualTo("Ready"));
        assertThat(cluster.events("vanishing")).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getReason()).isEqualTo("PrepareJobMissing");
        });
    }

    /**
     * Defect 8: a Job left by a deleted Dataset of the same name (this API server runs no garbage collector, as a
     * cluster whose collector lags) answered 409 and was adopted, so the new Dataset waited on it forever.
     */
    @Test
    void aJobLeftByADeletedDatasetOfTheSameNameIsNotAdopted() throws Exception {
        Dataset gone = cluster.client.resource(dataset("reborn")).inNamespace(cluster.namespace).create();
        Job leftOver = awaitJob("reborn-prepare-1");
        cluster.client.resource(gone).delete();
        await().until(() -> current("reborn") == null);

        Dataset reborn = cluster.client.resource(dataset("reborn")).inNamespace(cluster.namespace).create();

        Job own = awaitJob("reborn-prepare-1-r2");
        assertThat(own.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(reborn.getMetadata().getUid()));
        assertThat(cluster.job("reborn-prepare-1")).hasValueSatisfying(job -> assertThat(job.getMetadata().getUid()).isEqualTo(leftOver.getMetadata().getUid()));
        await().untilAsserted(() -> assertThat(current("reborn").getStatus().getPrepareJob()).isEqualTo("reborn-prepare-1-r2"));
        assertThat(cluster.events("reborn")).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("PrepareJobNameTaken");
            assertThat(event.getMessage()).contains("reborn-prepare-1", gone.getMetadata().getUid());
        });
        cluster.podEnded(own, 0, 0, prepared("0b".repeat(32), 500));
        cluster.jobSucceeded(own);
        await().untilAsserted(() -> assertThat(current("reborn").getStatus().getLatestSnapshot().getDigest()).isEqualTo("sha256:" + "0b".repeat(32)));
    }

    private static Job awaitJob(String name) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> cluster.job(name).orElse(null), job -> job != null);
    }

    static Dataset current(String name) {
        return cluster.client.resources(Dataset.class).inNamespace(cluster.namespace).withName(name).get();
    }

    private static Condition condition(Dataset dataset, String type) {
        return dataset.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
