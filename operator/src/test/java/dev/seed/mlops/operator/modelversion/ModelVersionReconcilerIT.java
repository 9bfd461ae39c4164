package dev.seed.mlops.operator.modelversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ApiServerExtension.class)
class ModelVersionReconcilerIT {
    private static OperatorHarness cluster;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = OperatorHarness.playingInferenceServices(api, "modelversions", dev.seed.mlops.operator.drift.DriftProviders.builtIn());
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    void aHandMadeVersionStartsAsCandidateWithItsInfoMetric() {
        cluster.client.resource(TestObjects.handMadeModelVersion("fraud-score-v1")).inNamespace(cluster.namespace).create();

        await().untilAsserted(() -> {
            ModelVersion candidate = current("fraud-score-v1");
            assertThat(candidate.getStatus().getStage()).isEqualTo(ModelStage.Candidate);
            assertThat(candidate.getStatus().getTransitions()).extracting(t -> t.getStage()).containsExactly(ModelStage.Candidate);
            assertThat(candidate.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo(ConditionStatus.False);
                assertThat(c.getReason()).isEqualTo("Candidate");
            });
            assertThat(candidate.getMetadata().getFinalizers()).isNotEmpty();
        });
        assertThat(cluster.registry.scrape()).contains(
                "mlops_modelversion_info{model=\"fraud-score\",namespace=\"modelversions\",stage=\"Candidate\",version=\"1\",} 1.0");
    }

    @Test
    void aServedVersionIsProtectedFromDeletionUntilNothingServesIt() {
        cluster.client.resource(TestObjects.handMadeModelVersion("guarded-v1")).inNamespace(cluster.namespace).create();
        await().until(() -> current("guarded-v1").getMetadata().getFinalizers() != null && !current("guarded-v1").getMetadata().getFinalizers().isEmpty());
        InferenceService isvc = TestObjects.inferenceService("fraud");
        isvc.getSpec().setModel("fraud-score");
        InferenceService serving = cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        setStable(serving, "guarded-v1");
        await().untilAsserted(() -> assertThat(current("guarded-v1").getStatus().getServedBy()).containsExactly("fraud"));

        cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName("guarded-v1").delete();

        await().untilAsserted(() -> assertThat(cluster.eventReasons("guarded-v1")).contains("DeletionBlocked"));
        assertThat(current("guarded-v1")).isNotNull();
        assertThat(current("guarded-v1").getMetadata().getDeletionTimestamp()).isNotNull();

        cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName("fraud")
                .edit(changed -> {
                    changed.getMetadata().setAnnotations(Map.of("example.com/touched", "once"));
                    return changed;
                });
        await().untilAsserted(() -> assertThat(cluster.events("guarded-v1")).filteredOn(e -> "DeletionBlocked".equals(e.getReason()))
                .singleElement().satisfies(e -> assertThat(e.getCount()).isGreaterThanOrEqualTo(2)));

        setStable(cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace).withName("fraud").get(), null);
        await().untilAsserted(() -> assertThat(current("guarded-v1")).isNull());
    }

    /** Plays the InferenceService's status as the test needs it; the running InferenceService reconciler writes it too, so a 409 is retried. */
    private static void setStable(InferenceService isvc, String modelVersion) {
        for (int attempt = 1; ; attempt++) {
            InferenceService latest = cluster.client.resources(InferenceService.class).inNamespace(cluster.namespace)
                    .withName(isvc.getMetadata().getName()).get();
            latest.setStatus(new InferenceServiceStatus());
            if (modelVersion != null) {
                ServingVersion stable = new ServingVersion();
                stable.setModelVersion(modelVersion);
                stable.setVersion(1L);
                latest.getStatus().setStable(stable);
            }
            try {
                cluster.client.resource(latest).inNamespace(cluster.namespace).updateStatus();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static ModelVersion current(String name) {
        return cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName(name).get();
    }
}
