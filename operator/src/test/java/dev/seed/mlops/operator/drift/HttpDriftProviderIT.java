package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.LocalObjectRef;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.testing.PackagedInferenceServer;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built-in HTTP provider against the real inference server, started as users start it ({@code java -jar}) with
 * the committed ONNX churn model, after traffic whose tenure lies far beyond anything the model was trained on.
 */
@ExtendWith(ApiServerExtension.class)
class HttpDriftProviderIT {
    private static final String MODEL = "churn-onnx";
    private static final int ROWS = 600;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static PackagedInferenceServer server;
    private static int port;

    @BeforeAll
    static void startTheInferenceServerAndSendDriftedTraffic() throws Exception {
        server = PackagedInferenceServer.start("drift-inference-server", PackagedInferenceServer.freePort(),
                Map.of("MLOPS_MODEL_DIR", PackagedInferenceServer.testModel(MODEL).toString()));
        port = server.port;

        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            // tenure_months 70..74: past the last baseline bin edge (65), where a tenth of the training data lay
            rows.add("[" + (70 + i % 5) + ", " + (45 + i % 50) + ", " + (i % 5) + ", " + (5 + i % 40) + "]");
        }
        HttpResponse<String> predicted = server.post("/v1/models/" + MODEL + ":predict", "{\"instances\": [" + String.join(",", rows) + "]}");
        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsTheServersDriftAndPoolsThePodsWindows() throws Exception {
        HttpDriftProvider provider = new HttpDriftProvider(HTTP, port, Duration.ofSeconds(5));

        DriftReading one = provider.read(target(MODEL, List.of("127.0.0.1")), DriftMetric.psi);
        DriftReading two = provider.read(target(MODEL, List.of("127.0.0.1", "127.0.0.1")), DriftMetric.psi);

        assertThat(one.samples()).isEqualTo(ROWS);
        assertThat(one.scores()).containsKeys("tenure_months", "monthly_charges", "support_calls", "usage_gb", DriftReading.PREDICTION);
        assertThat(one.scores().get("tenure_months")).isGreaterThan(1.0);
        assertThat(two.samples()).isEqualTo(2L * ROWS);
        assertThat(two.scores()).isEqualTo(one.scores());
        DriftPolicySpec spec = new DriftPolicySpec();
        DriftEvaluation evaluation = DriftEvaluation.of(one, spec);
        assertThat(evaluation.reading()).isEqualTo(BreachTracker.Reading.BREACH);
        assertThat(evaluation.summary()).startsWith("drift on feature tenure_months: psi ");
    }

    @Test
    void aPodThatDoesNotAnswerFailsTheReadingAndIsNamed() throws Exception {
        HttpDriftProvider closed = new HttpDriftProvider(HTTP, PackagedInferenceServer.freePort(), Duration.ofSeconds(2));
        HttpDriftProvider live = new HttpDriftProvider(HTTP, port, Duration.ofSeconds(5));

        assertThatThrownBy(() -> closed.read(target(MODEL, List.of("127.0.0.1")), DriftMetric.psi))
                .isInstanceOf(DriftProviderException.class)
                .hasMessageContaining("serving pod 127.0.0.1 of InferenceService churn (churn-onnx v1) did not report drift")
                .hasMessageContaining("check that the pod runs the inference server on port");
        assertThatThrownBy(() -> live.read(target("no-such-model", List.of("127.0.0.1")), DriftMetric.psi))
                .isInstanceOf(DriftProviderException.class).hasMessageContaining("answered 404");
        assertThatThrownBy(() -> live.read(target(MODEL, List.of()), DriftMetric.psi))
                .isInstanceOf(DriftProviderException.class).hasMessageContaining("no ready serving pod");
    }

    @Test
    void aPolicyReadsTheReadyServingPodsFromTheCacheAndReportsTheirDrift(TestApiServer api) {
        try (OperatorHarness cluster = new OperatorHarness(api, "drift-http", Map.of(),
                policy -> new HttpDriftProvider(HTTP, port, Duration.ofSeconds(5)))) {
            InferenceService isvc = TestObjects.inferenceService("churn");
            isvc.getSpec().setModel(MODEL);
            isvc = cluster.client.resource(isvc).inNamespace(cluster.namespace).create();
            ServingVersion stable = new ServingVersion();
            stable.setVersion(1L);
            stable.setModelVersion(MODEL + "-v1");
            isvc.setStatus(new InferenceServiceStatus());
            isvc.getStatus().setStable(stable);
            cluster.client.resource(isvc).inNamespace(cluster.namespace).updateStatus();
            cluster.readyServingPod("churn-v1-a", "churn", "1");

            DriftPolicy policy = new DriftPolicy();
            policy.getMetadata().setName("churn-drift");
            policy.setSpec(new DriftPolicySpec());
            LocalObjectRef target = new LocalObjectRef();
            target.setName("churn");
            policy.getSpec().setTargetRef(target);
            policy.getSpec().setAction(DriftAction.AlertOnly);
            policy.getSpec().setCheckInterval("1s");
            policy.getSpec().setConsecutiveBreaches(1);
            cluster.client.resource(policy).inNamespace(cluster.namespace).create();

            await().untilAsserted(() -> {
                DriftPolicy drifting = cluster.client.resources(DriftPolicy.class).inNamespace(cluster.namespace).withName("churn-drift").get();
                assertThat(drifting.getStatus().getPhase()).isEqualTo("Drifting");
                assertThat(drifting.getStatus().getSamples()).isEqualTo((long) ROWS);
                assertThat(drifting.getStatus().getServingVersion()).isEqualTo(1L);
                assertThat(drifting.getStatus().getScores()).anySatisfy(score -> {
                    assertThat(score.getFeature()).isEqualTo("tenure_months");
                    assertThat(score.getBreached()).isTrue();
                });
            });
            assertThat(cluster.events("churn-drift")).anySatisfy(event -> {
                assertThat(event.getReason()).isEqualTo("DriftDetected");
                assertThat(event.getMessage()).contains("drift on feature tenure_months: psi");
            });
        }
    }


    private static DriftTarget target(String model, List<String> addresses) {
        return new DriftTarget("ml", "churn", model, 1, addresses, 500);
    }



}
