package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.operator.InferenceServerProcess;
import dev.seed.mlops.operator.OperatorHarness;
import dev.seed.mlops.operator.TestObjects;
import dev.seed.mlops.testing.ApiServerExtension;
import dev.seed.mlops.testing.TestApiServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in canary analysis reads a real inference server's /metrics and drift counts through the pods the cache lists. */
@ExtendWith(ApiServerExtension.class)
class PodCanaryMetricsIT {
    private static final int GOOD_REQUESTS = 30;
    private static final int BAD_REQUESTS = 3;
    private static InferenceServerProcess server;
    private static OperatorHarness cluster;

    @BeforeAll
    static void startServerAndSendTraffic(TestApiServer api) throws Exception {
        server = InferenceServerProcess.start("churn-onnx", "canary-inference-server");
        cluster = new OperatorHarness(api, "canary-metrics", Map.of());
        for (int i = 0; i < GOOD_REQUESTS; i++) {
            assertThat(server.post("/v1/models/churn-onnx:predict", "{\"instances\": [[" + (i % 60) + ", 50, 1, 12]]}").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < BAD_REQUESTS; i++) {
            assertThat(server.post("/v1/models/churn-onnx:predict", "{\"instances\": [[1, 2]]}").statusCode()).isEqualTo(400);
        }
        // The canary's and the stable version's pods both reach this one server: their predictions are the same.
        cluster.readyServingPod("churn-v2-a", "churn", "2");
        cluster.readyServingPod("churn-v1-a", "churn", "1");
    }

    @AfterAll
    static void stop() {
        cluster.close();
        server.close();
    }

    @Test
    void measuresRequestsErrorsLatencyAndPredictionDriftFromTheServingPods() throws Exception {
        PodCanaryMetrics metrics = new PodCanaryMetrics(cluster.client, server.port);

        CanaryMetrics.Reading first = metrics.measure(isvc(), 2, 1, CanaryMetrics.Counters.ZERO);
        CanaryMetrics.Reading second = metrics.measure(isvc(), 2, 1, first.counters());

        assertThat(first.measurement().requests()).isEqualTo(GOOD_REQUESTS + BAD_REQUESTS);
        assertThat(first.measurement().errors()).as("4xx are the caller's errors, not the canary's").isZero();
        assertThat(first.measurement().p99LatencyMs()).isPositive().isFinite();
        assertThat(first.measurement().predictionDrift()).isZero();
        assertThat(second.measurement().requests()).as("counted from the previous measurement").isZero();
    }

    @Test
    void aCanaryWithoutReadyPodsHasNoRequestsAndNoDriftScore() throws Exception {

        CanaryMetrics.Reading reading = new PodCanaryMetrics(cluster.client, InferenceServerProcess.freePort())
                .measure(quietIsvc(), 3, 1, CanaryMetrics.Counters.ZERO);

        assertThat(reading.measurement().requests()).isZero();
        assertThat(reading.measurement().predictionDrift()).isNaN();
    }

    private static InferenceService isvc() {
        InferenceService isvc = TestObjects.inferenceService("churn");
        isvc.getMetadata().setNamespace(cluster.namespace);
        isvc.getSpec().setModel("churn-onnx");
        return isvc;
    }

    private static InferenceService quietIsvc() {
        InferenceService isvc = isvc();
        isvc.getMetadata().setName("quiet");
        return isvc;
    }
}
