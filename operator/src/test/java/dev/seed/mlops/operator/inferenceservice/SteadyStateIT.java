package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reconcile that finds every child as the operator last applied it writes nothing: at a thousand InferenceServices
 * re-applying every child on every pass made thousands of writes that changed nothing (issue 19).
 */
@ExtendWith(ApiServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SteadyStateIT {
    private static OperatorHarness cluster;
    private static int touches;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = new OperatorHarness(api, "steady", Map.of(), new ScriptedCanaryMetrics(Clock.systemUTC()));
    }

    @AfterAll
    static void stopOperator() {
        cluster.close();
    }

    @Test
    @Order(1)
    void reconcilesThatChangeNothingWriteNoChild() {
        ModelVersion mv = TestObjects.handMadeModelVersion("credit-risk-v1");
        mv.getSpec().setModel("credit-risk");
        mv.getSpec().setVersion(1L);
        mv.getMetadata().setAnnotations(Map.of(Labels.GATE_DECISION, "Validated", Labels.GATE_REASON, "passed"));
        cluster.client.resource(mv).inNamespace(cluster.namespace).create();
        InferenceService isvc = TestObjects.inferenceService("credit");
        isvc.getSpec().setReplicas(2);
        cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
        await().until(() -> cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("credit-v1").get() != null);
        cluster.deploymentReady("credit-v1");
        await().untilAsserted(() -> assertThat(cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace)
                .withName("credit-risk-v1").get().getStatus().getStage()).isEqualTo(ModelStage.Production));
        reconcileOnce();

        cluster.requests.clear();
        reconcileOnce();
        reconcileOnce();

        assertThat(cluster.requests.writes()).filteredOn(r -> !r.path().endsWith("/status") && !r.path().contains("/events")).isEmpty();
    }

    @Test
    @Order(2)
    void aChildSomeoneElseChangedOrDeletedIsAppliedAgain() {
        await().until(() -> cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("credit-v1").get() != null);
        String image = cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("credit-v1").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();

        cluster.client.services().inNamespace(cluster.namespace).withName("credit-v1").delete();
        cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("credit-v1").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example.com/someone-else:1");
            return d;
        });

        await().untilAsserted(() -> {
            assertThat(cluster.client.services().inNamespace(cluster.namespace).withName("credit-v1").get()).isNotNull();
            assertThat(cluster.client.apps().deployments().inNamespace(cluster.namespace).withName("credit-v1").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image);
        });
    }

    /** Changes what the InferenceService watches but not what it serves, and waits until a reconcile of it finished. */
    private static void reconcileOnce() {
        double before = succeeded();
        cluster.client.resources(ModelVersion.class).inNamespace(cluster.namespace).withName("credit-risk-v1")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"example.com/touched\":\"" + (++touches) + "\"}}}");
        await().until(() -> succeeded() > before);
    }

    private static double succeeded() {
        return cluster.registry.find("reconciliations.success.total").tag("controller.name", "inferenceservicereconciler")
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
