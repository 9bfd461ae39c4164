package dev.seed.mlops.serving.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.serving.grpc.protocol.GRPCInferenceServiceGrpc;
import dev.seed.mlops.serving.grpc.protocol.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.seed.mlops.serving.grpc.protocol.InferTensorContents;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest.InferInputTensor;
import dev.seed.mlops.serving.grpc.protocol.ModelInferRequest.InferRequestedOutputTensor;
import dev.seed.mlops.serving.grpc.protocol.ModelInferResponse;
import dev.seed.mlops.serving.grpc.protocol.ModelMetadataRequest;
import dev.seed.mlops.serving.grpc.protocol.ModelMetadataResponse;
import dev.seed.mlops.serving.grpc.protocol.ModelReadyRequest;
import dev.seed.mlops.serving.grpc.protocol.ServerLiveRequest;
import dev.seed.mlops.serving.grpc.protocol.ServerMetadataRequest;
import dev.seed.mlops.serving.grpc.protocol.ServerReadyRequest;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.DjlEngine;
import dev.seed.mlops.serving.model.ModelArtifact;
import dev.seed.mlops.testing.PackagedInferenceServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC service on a real port, called as any client calls it (grpc-java over HTTP/2): typed and raw contents of
 * FP32, FP64, INT64 and BYTES give the predictions of the reference engine; mistakes get INVALID_ARGUMENT naming the
 * input, NOT_FOUND for an unknown model, RESOURCE_EXHAUSTED over the limits, and are counted like HTTP's 4xx.
 */
@QuarkusTest
@TestProfile(GrpcInferenceServiceTest.OnAPort.class)
class GrpcInferenceServiceTest {

    private static final String MODEL = XgboostFixture.modelName(Kind.BINARY);
    /** Two rows as the model takes them: age, income, plan code, visits. */
    private static final double[][] ROWS = {{35, 42000, 1, 3}, {61, Double.NaN, 2, 12}};

    /** The binary fixture, with its gRPC port on a free loopback port and small limits to test. */
    public static final class OnAPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new ServingProfiles.XgboostBinary().getConfigOverrides());
            try {
                config.put("quarkus.grpc.server.test-port", Integer.toString(PackagedInferenceServer.freePort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("mlops.http.max-rows", "100");
            return config;
        }
    }

    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void connect() {
        ServingProfiles.awaitReady();
        int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    /** The stub for one call: a deadline is absolute, so each call gets its own. */
    private GRPCInferenceServiceBlockingStub grpc() {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** What DJL's XGBoost engine, the reference, predicts for {@link #ROWS}. */
    private static float[] reference() {
        ModelArtifact artifact = new ArtifactReader(new ObjectMapper())
                .read(XgboostFixture.artifact(Kind.BINARY), Optional.empty(), Optional.empty());
        float[] rows = new float[8];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) ROWS[i / 4][i % 4];
        }
        float[] out = new float[2];
        try (DjlEngine djl = DjlEngine.xgboost(artifact)) {
            djl.predict(rows, 2, out);
        }
        return out;
    }

    private static void assertPredictions(float[] actual) {
        float[] expected = reference();
        assertThat(actual).hasSize(2);
        assertThat(actual[0]).isCloseTo(expected[0], within(1e-6f));
        assertThat(actual[1]).isCloseTo(expected[1], within(1e-6f));
    }

    private static ModelInferRequest.Builder infer() {
        return ModelInferRequest.newBuilder().setModelName(MODEL);
    }

    private static InferInputTensor.Builder rowTensor(String datatype) {
        return InferInputTensor.newBuilder().setName("input-0").setDatatype(datatype).addShape(2).addShape(4);
    }

    @Test
    void typedFp32RowTensorIsAnsweredWithTypedFp32Contents() {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (double[] row : ROWS) {
            for (double value : row) {
                contents.addFp32Contents((float) value);
            }
        }
        ModelInferResponse answer = grpc().modelInfer(infer().setId("req-1")
                .addInputs(rowTensor("FP32").setContents(contents)).build());

        assertThat(answer.getModelName()).isEqualTo(MODEL);
        assertThat(answer.getModelVersion()).isEqualTo("1");
        assertThat(answer.getId()).isEqualTo("req-1");
        assertThat(answer.getRawOutputContentsCount()).isZero();
        assertThat(answer.getOutputs(0).getName()).isEqualTo("predict");
        assertThat(answer.getOutputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(answer.getOutputs(0).getShapeList()).containsExactly(2L);
        assertPredictions(GrpcRoutingClients.predictions(answer, 2));
    }

    @Test
    void rawFp64RowTensorIsAnsweredWithRawFp32Output() {
        ByteBuffer raw = ByteBuffer.allocate(8 * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : ROWS) {
            for (double value : row) {
                raw.putDouble(value);
            }
        }
        ModelInferResponse answer = grpc().modelInfer(infer().addInputs(rowTensor("FP64"))
                .addRawInputContents(ByteString.copyFrom(raw.array())).build());

        assertThat(answer.getId()).as("a call without an id gets one").matches("[0-9a-f]{16}-[0-9a-z]+");
        assertThat(answer.getOutputs(0).hasContents()).isFalse();
        assertThat(answer.getRawOutputContents(0).size()).isEqualTo(2 * Float.BYTES);
        assertPredictions(GrpcRoutingClients.predictions(answer, 2));
    }

    @Test
    void oneTensorPerFeatureTakesInt64AndBytesTypedOrRaw() {
        float[] expected = reference();
        // typed: INT64 ages and visits, FP32 income (NaN: missing), BYTES plan names
        ModelInferResponse typed = grpc().modelInfer(infer()
                .addInputs(feature("age", "INT64").setContents(InferTensorContents.newBuilder()
                        .addInt64Contents(35).addInt64Contents(61)))
                .addInputs(feature("income", "FP32").setContents(InferTensorContents.newBuilder()
                        .addFp32Contents(42000).addFp32Contents(Float.NaN)))
                .addInputs(feature("plan", "BYTES").setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("plus"))
                        .addBytesContents(ByteString.copyFromUtf8("premium"))))
                .addInputs(feature("visits", "INT64").setContents(InferTensorContents.newBuilder()
                        .addInt64Contents(3).addInt64Contents(12)))
                .build());
        assertPredictions(GrpcRoutingClients.predictions(typed, 2));

        // raw: the same rows, as tritonclient sends them
        ModelInferResponse raw = grpc().modelInfer(infer()
                .addInputs(feature("age", "INT64")).addRawInputContents(int64(35, 61))
                .addInputs(feature("income", "FP32")).addRawInputContents(fp32(42000, Float.NaN))
                .addInputs(feature("plan", "BYTES")).addRawInputContents(strings("plus", "premium"))
                .addInputs(feature("visits", "INT64")).addRawInputContents(int64(3, 12))
                .build());
        assertThat(GrpcRoutingClients.predictions(raw, 2)).containsExactly(expected, within(1e-6f));
    }

    private static InferInputTensor.Builder feature(String name, String datatype) {
        return InferInputTensor.newBuilder().setName(name).setDatatype(datatype).addShape(2).addShape(1);
    }

    private static ByteString int64(long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            raw.putLong(value);
        }
        return ByteString.copyFrom(raw.array());
    }

    private static ByteString fp32(float... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return ByteString.copyFrom(raw.array());
    }

    private static ByteString strings(String... values) {
        ByteString.Output out = ByteString.newOutput();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array(), 0, 4);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteString();
    }

    @Test
    void healthAndMetadataDescribeTheServedModel() {
        assertThat(grpc().serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(grpc().serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(grpc().modelReady(ModelReadyRequest.newBuilder().setName(MODEL).build()).getReady()).isTrue();
        assertThat(grpc().modelReady(ModelReadyRequest.newBuilder().setName(MODEL).setVersion("1").build()).getReady())
                .isTrue();
        assertThat(grpc().serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName())
                .isEqualTo("mlops-inference-server");

        ModelMetadataResponse metadata = grpc().modelMetadata(ModelMetadataRequest.newBuilder().setName(MODEL).build());
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo("xgboost");
        assertThat(metadata.getInputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
                .containsExactlyElementsOf(XgboostFixture.FEATURES);
        assertThat(metadata.getInputsList()).extracting(ModelMetadataResponse.TensorMetadata::getDatatype)
                .containsExactly("FP32", "FP32", "BYTES", "FP32");
        assertThat(metadata.getOutputs(0).getName()).isEqualTo("predict");
    }

    @Test
    void clientMistakesGetTheStatusOfTheirHttpEquivalentNamingTheInput() {
        expectError(() -> grpc().modelReady(ModelReadyRequest.newBuilder().setName("nope").build()),
                Status.Code.NOT_FOUND, "model 'nope' is not served here");
        expectError(() -> grpc().modelMetadata(ModelMetadataRequest.newBuilder().setName(MODEL).setVersion("9").build()),
                Status.Code.NOT_FOUND, "version '9'");
        expectError(() -> grpc().modelInfer(ModelInferRequest.newBuilder().setModelName("nope")
                .addInputs(rowTensor("FP32")).build()), Status.Code.NOT_FOUND, "model 'nope'");
        expectError(() -> grpc().modelInfer(infer().build()), Status.Code.INVALID_ARGUMENT, "no inputs");
        expectError(() -> grpc().modelInfer(infer().addInputs(rowTensor("FP32").setContents(
                InferTensorContents.newBuilder().addFp32Contents(1))).build()),
                Status.Code.INVALID_ARGUMENT, "input 'input-0' has 1 values but its shape [2, 4] needs 8");
        expectError(() -> grpc().modelInfer(infer().addInputs(rowTensor("FP32"))
                .addRawInputContents(ByteString.copyFrom(new byte[31])).build()),
                Status.Code.INVALID_ARGUMENT, "input-0");
        expectError(() -> grpc().modelInfer(infer().addInputs(rowTensor("FP32"))
                .addRawInputContents(ByteString.EMPTY).addRawInputContents(ByteString.EMPTY).build()),
                Status.Code.INVALID_ARGUMENT, "raw_input_contents has 2 entries for 1 inputs");
        expectError(() -> grpc().modelInfer(infer().addInputs(InferInputTensor.newBuilder().setName("x")
                .setDatatype("FP32").addShape(1).addShape(3).setContents(InferTensorContents.newBuilder()
                        .addFp32Contents(1).addFp32Contents(2).addFp32Contents(3))).build()),
                Status.Code.INVALID_ARGUMENT, "send shape [rows, 4]");
        expectError(() -> grpc().modelInfer(infer().addInputs(rowTensor("COMPLEX64")).build()),
                Status.Code.INVALID_ARGUMENT, "datatype COMPLEX64 is not served");
        expectError(() -> grpc().modelInfer(infer().addInputs(rowTensor("FP32").setContents(fp32Rows()))
                .addOutputs(InferRequestedOutputTensor.newBuilder().setName("proba")).build()),
                Status.Code.INVALID_ARGUMENT, "not 'proba'");
        expectError(() -> grpc().modelInfer(infer().addInputs(feature("age", "BYTES").setContents(
                InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("old"))
                        .addBytesContents(ByteString.copyFromUtf8("older"))))
                .addInputs(feature("income", "FP32").setContents(InferTensorContents.newBuilder()
                        .addFp32Contents(1).addFp32Contents(2)))
                .addInputs(feature("plan", "BYTES").setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("plus"))
                        .addBytesContents(ByteString.copyFromUtf8("plus"))))
                .addInputs(feature("visits", "INT64").setContents(InferTensorContents.newBuilder()
                        .addInt64Contents(3).addInt64Contents(12))).build()),
                Status.Code.INVALID_ARGUMENT, "feature 'age' is numeric");
    }

    private static InferTensorContents fp32Rows() {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (double[] row : ROWS) {
            for (double value : row) {
                contents.addFp32Contents((float) value);
            }
        }
        return contents.build();
    }

    @Test
    void requestsOverTheLimitsAreRefusedCompressedOrNot() {
        expectError(() -> grpc().modelInfer(infer().addInputs(InferInputTensor.newBuilder().setName("input-0")
                .setDatatype("FP32").addShape(101).addShape(4).setContents(InferTensorContents.newBuilder()
                        .addAllFp32Contents(java.util.Collections.nCopies(404, 1f)))).build()),
                Status.Code.RESOURCE_EXHAUSTED, "more than 100 rows");
        // the profile's 64 KiB body limit is the message limit too, counted after decompression: 70 kB of zeros are
        // a few hundred bytes gzipped
        ModelInferRequest large = infer().addInputs(rowTensor("FP32"))
                .addRawInputContents(ByteString.copyFrom(new byte[70_000])).build();
        expectError(() -> grpc().modelInfer(large), Status.Code.RESOURCE_EXHAUSTED, "");
        // grpc-java stops decompressing at the limit, but answers UNKNOWN rather than RESOURCE_EXHAUSTED
        // (grpc/grpc-java#11246); either way the message is never held whole, and the server serves on
        assertThatThrownBy(() -> grpc().withCompression("gzip").modelInfer(large))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                        .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNKNOWN));
        assertPredictions(GrpcRoutingClients.predictions(grpc().withCompression("gzip")
                .modelInfer(infer().addInputs(rowTensor("FP32").setContents(fp32Rows())).build()), 2));
    }

    @Test
    void callsAreCountedTimedAndRecordedForDriftWithHttpsMetrics() {
        double ok = requests("200");
        double bad = requests("400");
        double notFound = requests("404");
        long samples = given().get("/v2/models/" + MODEL + "/drift").jsonPath().getLong("samples");

        grpc().modelInfer(infer().addInputs(rowTensor("FP32").setContents(fp32Rows())).build());
        assertThatThrownBy(() -> grpc().modelInfer(infer().build())).isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> grpc().modelInfer(ModelInferRequest.newBuilder().setModelName("nope")
                .addInputs(rowTensor("FP32")).build())).isInstanceOf(StatusRuntimeException.class);

        assertThat(requests("200")).isEqualTo(ok + 1);
        assertThat(requests("400")).isEqualTo(bad + 1);
        assertThat(requests("404")).isEqualTo(notFound + 1);
        assertThat(given().get("/v2/models/" + MODEL + "/drift").jsonPath().getLong("samples"))
                .isEqualTo(samples + 2);
    }

    /** {@code mlops_inference_requests_total} of this model for one status code, 0 before the first. */
    private static double requests(String code) {
        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("mlops_inference_requests_total\\{[^}]*code=\"" + code + "\"[^}]*} (\\S+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void expectError(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(String.valueOf(e.getStatus().getDescription())).contains(message);
        });
    }
}
