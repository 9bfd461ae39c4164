package dev.seed.mlops.operator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.micrometer.core.instrument.Counter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request the API server keeps refusing with a 5xx is sent once per reconcile attempt: the attempt fails and JOSDK
 * retries it with backoff, instead of the client retrying inside the reconcile and holding its thread (issue 19). The
 * permanent 500 is real: an admission webhook that cannot be reached, with failurePolicy Fail.
 */
@ExtendWith(ApiServerExtension.class)
class PermanentApiErrorIT {
    private static final String NAMESPACE = "api-errors";
    private static OperatorHarness cluster;
    private static ValidatingWebhookConfiguration webhook;

    @BeforeAll
    static void startOperator(TestApiServer api) {
        cluster = new OperatorHarness(api, NAMESPACE, Map.of());
        webhook = api.client().resource(new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("unreachable-" + NAMESPACE).endMetadata()
                .addNewWebhook().withName("unreachable.example.com")
                    .withNewClientConfig().withUrl("https://127.0.0.1:1/validate").endClientConfig()
                    .addNewRule().withApiGroups("apps").withApiVersions("v1").withOperations("CREATE", "UPDATE").withResources("deployments").endRule()
                    .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", NAMESPACE).endNamespaceSelector()
                    .withFailurePolicy("Fail").withSideEffects("None").withAdmissionReviewVersions("v1").withTimeoutSeconds(1)
                .endWebhook()
                .build()).create();
    }

    @AfterAll
    static void stopOperator(TestApiServer api) {
        api.client().resource(webhook).delete();
        cluster.close();
    }

    @Test
    void aPermanentServerErrorFailsTheAttemptInsteadOfBeingRetriedInsideIt() {
        ModelVersion mv = TestObjects.handMadeModelVersion("credit-risk-v1");
        mv.getSpec().setModel("credit-risk");
        mv.getSpec().setVersion(1L);
        mv.getMetadata().setAnnotations(Map.of(Labels.GATE_DECISION, "Validated", Labels.GATE_REASON, "passed"));
        cluster.client.resource(mv).inNamespace(NAMESPACE).create();
        InferenceService isvc = TestObjects.inferenceService("credit");
        cluster.client.resource(isvc).inNamespace(NAMESPACE).create();

        await().until(() -> failedReconciles() >= 2);

        long refused = cluster.requests.writes().stream()
                .filter(r -> r.path().endsWith("/deployments/credit-v1") && r.status() >= 500).count();
        assertThat(refused).as("one apply per attempt").isBetween(2L, (long) failedReconciles() + 1);
    }

    private static double failedReconciles() {
        return cluster.registry.find("reconciliations.failure.total").tag("controller.name", "inferenceservicereconciler")
                .counters().stream().mapToDouble(Counter::count).sum();
    }
}
