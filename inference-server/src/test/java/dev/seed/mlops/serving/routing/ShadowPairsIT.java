package dev.seed.mlops.serving.routing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seed.mlops.testing.PackagedInferenceServer;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shadow comparison of known pairs of models of the other tasks (binary is in {@link RoutingIT}): a stable server
 * mirrors every request to a canary serving a weaker model of the same task, and reports the agreement, Σ|Δ| and
 * bins this test works out from the two servers' own answers, over V1 and V2. The routing comes from
 * {@code mlops.routing.file}, the one-shot source for runs without an API server.
 */
class ShadowPairsIT {

    private static final String MODEL = "credit";
    private static final int REQUESTS = 30;

    @ParameterizedTest(name = "{0}: {1} mirrored to {2}")
    @CsvSource({"multiclass, MULTICLASS, MULTICLASS_SHALLOW, 3, 0.05", "regression, REGRESSION, REGRESSION_SHALLOW, 1, 0.2"})
    void theStablePodReportsTheComparisonOfEachMirroredRow(String task, Kind stableModel, Kind canaryModel, int width,
            double tolerance) throws Exception {
        try (PackagedInferenceServer canary = PackagedInferenceServer.start("shadow-pairs-canary-" + task, PackagedInferenceServer.freePort(),
                Map.of("MLOPS_MODEL_DIR", XgboostFixture.artifact(canaryModel).toString(), "MLOPS_MODEL_NAME", MODEL,
                        "MLOPS_MODEL_VERSION", "2"))) {
            int stablePort = PackagedInferenceServer.freePort();
            Path routing = Files.writeString(Path.of("target", "shadow-pairs-" + task + ".json"),
                    "{\"stable\": {\"version\": 1, \"address\": \"127.0.0.1:" + stablePort + "\"}, \"canary\": {\"version\": 2,"
                    + " \"address\": \"127.0.0.1:" + canary.port + "\", \"shadow\": 100}, \"agreementTolerance\": "
                    + tolerance + "}");
            try (PackagedInferenceServer stable = PackagedInferenceServer.start("shadow-pairs-stable-" + task, stablePort, Map.of(
                    "MLOPS_MODEL_DIR", XgboostFixture.artifact(stableModel).toString(), "MLOPS_MODEL_NAME", MODEL,
                    "MLOPS_MODEL_VERSION", "1", "MLOPS_ROUTING_FILE", routing.toAbsolutePath().toString()))) {
                ExpectedComparison expected = new ExpectedComparison(task, width, tolerance);
                Random random = new Random(task.hashCode());
                for (int request = 0; request < REQUESTS; request++) {
                    float[][] rows = TestRequests.rows(random, 1 + request % 4);
                    boolean v2 = request % 2 == 0;
                    expected.add(TestRequests.predictions(TestRequests.predict(stable, MODEL, rows, v2, false), v2),
                            TestRequests.predictions(TestRequests.predict(canary, MODEL, rows, v2, true), v2));
                }
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        TestRequests.routing(stable, MODEL).path("shadow").path("compared").asLong() == REQUESTS);
                JsonNode shadow = TestRequests.routing(stable, MODEL).path("shadow");
                expected.assertReported(TestRequests.JSON.createObjectNode(), shadow, REQUESTS);
            }
        }
    }
}
