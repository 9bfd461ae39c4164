package dev.seed.mlops.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.serving.grpc.protocol.GRPCInferenceServiceGrpc;
import dev.seed.mlops.serving.grpc.protocol.InferTensorContents;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest.InferInputTensor;
import dev.seed.mlops.testing.PackagedInferenceServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gRPC calls follow the routing (docs/routing.md) between two packaged servers: the stable one (a routing file with
 * the canary's gRPC address, weight 10, shadow 50) forwards exactly 10 of every 100 ModelInfer calls to the canary,
 * whose answers name version 2, mirrors half of the rest and compares them; with the canary gone, the calls meant
 * for it are answered by the stable server and counted as fallbacks.
 */
class GrpcRoutingIT {

    private static final String MODEL = XgboostFixture.modelName(Kind.BINARY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PackagedInferenceServer canary;
    private static PackagedInferenceServer stable;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        canary = PackagedInferenceServer.start("grpc-routing-it-canary", PackagedInferenceServer.freePort(), Map.of(
                "MLOPS_MODEL_DIR", XgboostFixture.artifact(Kind.BINARY_JSON).toString(),
                "MLOPS_MODEL_NAME", MODEL, "MLOPS_MODEL_VERSION", "2"));
        int stablePort = PackagedInferenceServer.freePort();
        int stableGrpcPort = PackagedInferenceServer.freePort();
        Path routing = Files.createTempFile(Path.of("target"), "grpc-routing", ".json");
        Files.writeString(routing, """
                {"stable": {"version": 1, "address": "127.0.0.1:%d", "grpcAddress": "127.0.0.1:%d"},
                 "canary": {"version": 2, "address": "127.0.0.1:%d", "grpcAddress": "127.0.0.1:%d",
                            "weight": 10, "shadow": 50}}""".formatted(stablePort, stableGrpcPort, canary.port,
                canary.grpcPort));
        Map<String, String> environment = new HashMap<>(Map.of(
                "MLOPS_MODEL_DIR", XgboostFixture.artifact(Kind.BINARY).toString(),
                "MLOPS_MODEL_NAME", MODEL, "MLOPS_MODEL_VERSION", "1",
                "MLOPS_ROUTING_FILE", routing.toAbsolutePath().toString(),
                "MLOPS_ROUTING_FORWARD_TIMEOUT", "5s", "MLOPS_ROUTING_SHADOW_TIMEOUT", "60s",
                "QUARKUS_GRPC_SERVER_PORT", Integer.toString(stableGrpcPort)));
        stable = PackagedInferenceServer.start("grpc-routing-it-stable", stablePort, environment);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", stable.grpcPort).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (stable != null) {
            stable.close();
        }
        if (canary != null) {
            canary.close();
        }
    }

    @Test
    void theStableServerForwardsTheExactShareMirrorsHalfTheRestAndFallsBackWhenTheCanaryIsGone() throws Exception {
        int byCanary = 0;
        for (int i = 0; i < 100; i++) {
            if (infer().getModelVersion().equals("2")) {
                byCanary++;
            }
        }
        // A forward the loaded machine could not complete within the deadline is a fallback: still the step's share.
        JsonNode requests = routing().get("requests");
        long fallbacks = requests.get("fallback").asLong();
        assertThat(requests.get("forwarded").asLong()).as("calls answered by the canary").isEqualTo(byCanary);
        assertThat(byCanary + fallbacks).as("calls picked for the canary").isEqualTo(10);
        assertThat(requests.get("local").asLong()).isEqualTo(90);
        // every call the stable server answered counts towards the shadow share: half of them, rounded down
        long mirrored = (90 + fallbacks) / 2;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> routing().get("shadow").get("compared").asLong() == mirrored);
        JsonNode shadow = routing().get("shadow");
        assertThat(shadow.get("mirrored").asLong()).isEqualTo(mirrored);
        assertThat(shadow.get("failed").asLong()).isZero();
        assertThat(shadow.get("rows").asLong()).as("two rows per call").isEqualTo(2 * mirrored);

        canary.close();
        for (int i = 0; i < 100; i++) {
            assertThat(infer().getModelVersion()).isEqualTo("1");
        }
        assertThat(routing().get("requests").get("fallback").asLong()).isEqualTo(fallbacks + 10);
    }

    private static dev.seed.mlops.serving.grpc.protocol.ModelInferResponse infer() {
        InferTensorContents.Builder rows = InferTensorContents.newBuilder();
        for (float value : new float[] {35, 42000, 1, 3, 61, Float.NaN, 2, 12}) {
            rows.addFp32Contents(value);
        }
        return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .modelInfer(ModelInferRequest.newBuilder().setModelName(MODEL)
                        .addInputs(InferInputTensor.newBuilder().setName("input-0").setDatatype("FP32")
                                .addShape(2).addShape(4).setContents(rows))
                        .build());
    }

    private static JsonNode routing() throws Exception {
        return JSON.readTree(stable.get("/v2/models/" + MODEL + "/routing").body());
    }
}
