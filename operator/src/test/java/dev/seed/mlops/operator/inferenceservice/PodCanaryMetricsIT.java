package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.testing.PackagedInferenceServer;
import dev.seed.mlops.operator.TestObjects;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in canary analysis scrapes a real inference server's /metrics and drift report, pod by pod. */
class PodCanaryMetricsIT {
    private static final int GOOD_REQUESTS = 30;
    private static final int BAD_REQUESTS = 3;
    private static final CanaryKey KEY = new CanaryKey(2, 0, "2026-03-01T12:00:00Z", 10, 0);
    private static final CanaryScrape.PodCounters ZERO = new CanaryScrape.PodCounters(0, 0, new TreeMap<>());
    private static PackagedInferenceServer server;

    @BeforeAll
    static void startServerAndSendTraffic() throws Exception {
        server = PackagedInferenceServer.start("canary-inference-server", PackagedInferenceServer.freePort(),
                Map.of("MLOPS_MODEL_DIR", PackagedInferenceServer.testModel("churn-onnx").toString()));
        for (int i = 0; i < GOOD_REQUESTS; i++) {
            assertThat(server.post("/v1/models/churn-onnx:predict", "{\"instances\": [[" + (i % 60) + ", 50, 1, 12]]}").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < BAD_REQUESTS; i++) {
            assertThat(server.post("/v1/models/churn-onnx:predict", "{\"instances\": [[1, 2]]}").statusCode()).isEqualTo(400);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void measuresRequestsErrorsLatencyAndPredictionsFromTheServingPods() {
        PodCanaryMetrics metrics = new PodCanaryMetrics(Clock.systemUTC(), server.port);
        List<CanaryMetrics.ServingPod> pods = List.of(new CanaryMetrics.ServingPod("pod-a", "127.0.0.1"));

        CanaryScrape first = metrics.scrape(isvc(), KEY, pods, pods).join();
        CanaryScrape second = metrics.scrape(isvc(), KEY, pods, pods).join();
        CanaryReading sinceStart = CanaryReading.between(KEY, new CanaryScrape(first.at(), Map.of("pod-a", ZERO), Map.of(), Double.NaN, new long[0], new long[0]), first);

        assertThat(sinceStart.requests()).isEqualTo(GOOD_REQUESTS + BAD_REQUESTS);
        assertThat(sinceStart.errors()).as("4xx are the caller's errors, not the canary's").isZero();
        assertThat(sinceStart.p99LatencyMs()).isPositive().isFinite();
        assertThat(sinceStart.predictionDriftVsStable()).as("the same server answers for both versions").isZero();
        assertThat(first.predictionDrift()).as("the pod's own prediction drift against its training-time profile").isFinite();
        assertThat(CanaryReading.between(KEY, first, second).requests()).as("counted from the previous scrape").isZero();
    }

    @Test
    void aPodThatDoesNotAnswerFailsTheScrape() throws Exception {
        PodCanaryMetrics metrics = new PodCanaryMetrics(Clock.systemUTC(), PackagedInferenceServer.freePort());

        assertThatThrownBy(() -> metrics.scrape(quietIsvc(), KEY, List.of(new CanaryMetrics.ServingPod("pod-b", "127.0.0.1")), List.of()).join())
                .hasMessageContaining("GET http://127.0.0.1:").hasMessageContaining("/metrics");
    }

    @Test
    void aCanaryWithoutReadyPodsHasNoRequestsAndNoDriftScore() throws Exception {
        CanaryScrape scrape = new PodCanaryMetrics(Clock.systemUTC(), PackagedInferenceServer.freePort())
                .scrape(quietIsvc(), KEY, List.of(), List.of()).join();

        assertThat(scrape.canaryPods()).isEmpty();
        assertThat(scrape.predictionDrift()).isNaN();
    }

    private static InferenceService isvc() {
        InferenceService isvc = TestObjects.inferenceService("churn");
        isvc.getSpec().setModel("churn-onnx");
        return isvc;
    }

    private static InferenceService quietIsvc() {
        InferenceService isvc = isvc();
        isvc.getMetadata().setName("quiet");
        return isvc;
    }
}
