package dev.seed.mlops.operator.modelversion;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.seed.mlops.operator.modelversion.ServingStatuses.canary;
import static dev.seed.mlops.operator.modelversion.ServingStatuses.stable;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.ApprovalDecision;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ServiceRollback;
import dev.seed.mlops.api.v1alpha1.StageTransition;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.inferenceservice.RolloutOutcome;
import dev.seed.mlops.operator.inferenceservice.VersionResolver;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ModelVersion reconciler alone against the real API server, with the test playing the InferenceService
 * reconciler: it writes the InferenceServices' status (stable, canary, history) and checks what the ModelVersions
 * derive from it, and what {@link VersionResolver} then picks for each service.
 */
@ExtendWith(ApiServerExtension.class)
class ModelVersionServingIT {
    private static final String NAMESPACE = "modelversion-serving";
    private static KubernetesClient client;
    private static Operator operator;

    @BeforeAll
    static void startModelVersionReconciler(TestApiServer api) {
        client = api.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).serverSideApply();
        Clock clock = Clock.systemUTC();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
        operator.register(new ModelVersionReconciler(new OperatorSettings(Set.of(NAMESPACE), "pvc://mlops-store", "mlops-trainer:test", "mlops-inference:test", "IfNotPresent", 600),
                new EventRecorder(client, clock), clock, new ModelVersionMetrics(new SimpleMeterRegistry())),
                config -> config.settingNamespaces(Set.of(NAMESPACE)));
        operator.start();
    }

    @AfterAll
    static void stop() {
        operator.stop();
    }

    @Test
    void aVersionServedByTwoServicesAndRolledBackOnOneStaysApprovedAndServedByTheOther() {
        create(approved("churn", 1));
        create(approved("churn", 2));
        eventually().untilAsserted(() -> assertThat(current("churn-v2").getStatus().getStage()).isEqualTo(ModelStage.Validated));
        create(service("eu", "churn"));
        create(service("us", "churn"));

        serve("eu", status -> status.setStable(stable("churn-v2")));
        serve("us", status -> {
            status.setStable(stable("churn-v1"));
            status.setCanary(canary("churn-v2", 10));
        });
        eventually().untilAsserted(() -> {
            assertThat(current("churn-v2").getStatus().getStage()).isEqualTo(ModelStage.Production);
            assertThat(current("churn-v2").getStatus().getReason()).isEqualTo("stable on eu; canary on us at 10%");
            assertThat(current("churn-v2").getStatus().getServedBy()).containsExactly("eu", "us");
        });
        assertThat(target(service("asia", "churn"))).as("a third service of the model").contains("churn-v2");

        serve("us", status -> {
            status.setCanary(null);
            status.getHistory().add(0, ServingStatuses.rollout(RolloutOutcome.ROLLED_BACK, 2, "error rate 0.2000 > maxErrorRate 0.0100", "2026-12-01T12:00:00Z"));
        });
        eventually().untilAsserted(() -> {
            ModelVersion v2 = current("churn-v2");
            assertThat(v2.getStatus().getServedBy()).containsExactly("eu");
            assertThat(v2.getStatus().getRolledBackOn()).extracting(ServiceRollback::getInferenceService).containsExactly("us");
            assertThat(v2.getStatus().getStage()).isEqualTo(ModelStage.Production);
            assertThat(v2.getStatus().getApproval().getDecision()).isEqualTo(ApprovalDecision.Validated);
        });
        assertThat(target(serviceNamed("us"))).contains("churn-v1");
        assertThat(target(serviceNamed("eu"))).contains("churn-v2");
    }

    @Test
    void aServiceDeletedAndReCreatedByGitOpsServesItsProductionVersionAgain() {
        create(approved("loan", 1));
        create(service("loan", "loan"));
        serve("loan", status -> status.setStable(stable("loan-v1")));
        eventually().untilAsserted(() -> assertThat(current("loan-v1").getStatus().getStage()).isEqualTo(ModelStage.Production));

        client.resources(InferenceService.class).inNamespace(NAMESPACE).withName("loan").delete();
        eventually().untilAsserted(() -> {
            assertThat(current("loan-v1").getStatus().getStage()).isEqualTo(ModelStage.Retired);
            assertThat(current("loan-v1").getStatus().getServedBy()).isEmpty();
        });
        InferenceService recreated = service("loan", "loan");
        assertThat(target(recreated)).contains("loan-v1");

        eventually().until(() -> serviceNamed("loan") == null);
        create(recreated);
        serve("loan", status -> status.setStable(stable("loan-v1")));
        eventually().untilAsserted(() -> assertThat(current("loan-v1").getStatus().getTransitions()).extracting(StageTransition::getStage)
                .containsExactly(ModelStage.Validated, ModelStage.Production, ModelStage.Retired, ModelStage.Production));
    }

    @Test
    void aServiceReCreatedAfterARollbackDoesNotPickTheRolledBackVersionAgain() {
        create(approved("pay", 1));
        create(approved("pay", 2));
        create(service("pay", "pay"));
        serve("pay", status -> {
            status.setStable(stable("pay-v1"));
            status.getHistory().add(ServingStatuses.rollout(RolloutOutcome.ROLLED_BACK, 2, "p99 410ms > maxLatencyP99 250ms", "2026-12-01T12:00:00Z"));
        });
        eventually().untilAsserted(() -> assertThat(current("pay-v2").getStatus().getRolledBackOn())
                .extracting(ServiceRollback::getInferenceService).containsExactly("pay"));

        client.resources(InferenceService.class).inNamespace(NAMESPACE).withName("pay").delete();
        eventually().untilAsserted(() -> assertThat(current("pay-v1").getStatus().getServedBy()).isEmpty());

        assertThat(current("pay-v2").getStatus().getRolledBackOn()).extracting(ServiceRollback::getInferenceService).containsExactly("pay");
        assertThat(target(service("pay", "pay"))).contains("pay-v1");
        assertThat(target(service("other", "pay"))).contains("pay-v2");
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions();
    }

    private static Optional<String> target(InferenceService isvc) {
        List<ModelVersion> versions = client.resources(ModelVersion.class).inNamespace(NAMESPACE).list().getItems();
        return VersionResolver.target(isvc, versions).map(mv -> mv.getMetadata().getName());
    }

    private static ModelVersion approved(String model, long version) {
        ModelVersion mv = TestObjects.handMadeModelVersion(model + "-v" + version);
        mv.getSpec().setModel(model);
        mv.getSpec().setVersion(version);
        mv.getMetadata().setAnnotations(new HashMap<>(Map.of(Labels.GATE_DECISION, "Validated", Labels.GATE_REASON, "passed: auc 0.9120 >= 0.8000")));
        return mv;
    }

    private static InferenceService service(String name, String model) {
        InferenceService isvc = TestObjects.inferenceService(name);
        isvc.getSpec().setModel(model);
        return isvc;
    }

    private static void create(io.fabric8.kubernetes.api.model.HasMetadata object) {
        client.resource(object).inNamespace(NAMESPACE).create();
    }

    /** Plays the InferenceService reconciler: edits the service's status as it would. */
    private static void serve(String name, Consumer<InferenceServiceStatus> change) {
        client.resources(InferenceService.class).inNamespace(NAMESPACE).withName(name).editStatus(isvc -> {
            if (isvc.getStatus() == null) {
                isvc.setStatus(new InferenceServiceStatus());
            }
            change.accept(isvc.getStatus());
            return isvc;
        });
    }

    private static InferenceService serviceNamed(String name) {
        return client.resources(InferenceService.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private static ModelVersion current(String name) {
        return client.resources(ModelVersion.class).inNamespace(NAMESPACE).withName(name).get();
    }
}
