package dev.seed.mlops.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of the protocols standard clients use beyond JSON infer (docs/protocol.md): binary tensors both ways,
 * server metadata, KServe V1 server endpoints, HEAD, compressed requests and answers, explanations, and the
 * non-finite input policy.
 */
@QuarkusTest
@TestProfile(ServingProfiles.XgboostBinary.class)
class ProtocolExtensionsTest {

    private static final String MODEL = InferenceApiTest.MODEL;
    private static final String INFER = "v2/models/" + MODEL + "/infer";
    private static final String HEADER = "Inference-Header-Content-Length";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROWS_JSON = """
            {"inputs": [{"name": "x", "shape": [2, 4], "datatype": "FP32",
              "data": [35, 42000, 1, 3, 61, NaN, 2, 12]}]}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void ready() {
        ServingProfiles.awaitReady();
    }

    private HttpResponse<byte[]> post(String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            out.putFloat(value);
        }
        return out.array();
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static float[] jsonPredictions(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode data = json(response).path("outputs").path(0).path("data");
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data.get(i).asDouble();
        }
        return out;
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String reason, String... parts)
            throws IOException {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        JsonNode error = JSON.readTree(body);
        assertThat(error.path("reason").asText()).as(body).isEqualTo(reason);
        assertThat(error.path("error").asText()).contains(parts);
    }

    @Test
    void binaryInputsOfEveryServedDatatypePredictWhatJsonPredicts() throws Exception {
        float[] expected = jsonPredictions(post(INFER, utf8(ROWS_JSON)));

        byte[] rows = floats(35, 42000, 1, 3, 61, Float.NaN, 2, 12);
        String header = """
                {"inputs": [{"name": "x", "shape": [2, 4], "datatype": "FP32", "parameters": {"binary_data_size": 32}}]}""";
        assertThat(jsonPredictions(post(INFER, concat(utf8(header), rows), HEADER, Integer.toString(utf8(header).length))))
                .containsExactly(expected);

        // one tensor per feature, each in another datatype; plan as BYTES category names
        ByteBuffer age = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(35).putDouble(61);
        ByteBuffer income = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(42000).putFloat(Float.NaN);
        ByteBuffer plan = ByteBuffer.allocate(4 + 4 + 4 + 7).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4).put(utf8("plus")).putInt(7).put(utf8("premium"));
        ByteBuffer visits = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(12);
        String perFeature = """
                {"inputs": [
                  {"name": "age", "shape": [2], "datatype": "FP64", "parameters": {"binary_data_size": 16}},
                  {"name": "income", "shape": [2, 1], "datatype": "FP32", "parameters": {"binary_data_size": 8}},
                  {"name": "plan", "shape": [2], "datatype": "BYTES", "parameters": {"binary_data_size": 19}},
                  {"name": "visits", "shape": [2], "datatype": "INT64", "parameters": {"binary_data_size": 16}}]}""";
        byte[] body = concat(utf8(perFeature), age.array(), income.array(), plan.array(), visits.array());
        assertThat(jsonPredictions(post(INFER, body, HEADER, Integer.toString(utf8(perFeature).length))))
                .containsExactly(expected);
    }

    @Test
    void binaryOutputIsAnsweredWhenAskedForPerOutputOrForAll() throws Exception {
        float[] expected = jsonPredictions(post(INFER, utf8(ROWS_JSON)));
        for (String request : List.of(
                ROWS_JSON.replace("]}]}", "]}], \"outputs\": [{\"name\": \"predict\", \"parameters\": {\"binary_data\": true}}]}"),
                ROWS_JSON.replace("]}]}", "]}], \"parameters\": {\"binary_data_output\": true}}"))) {
            HttpResponse<byte[]> response = post(INFER, utf8(request));
            assertThat(response.statusCode()).isEqualTo(200);
            int jsonLength = Integer.parseInt(response.headers().firstValue(HEADER).orElseThrow());
            JsonNode header = JSON.readTree(Arrays.copyOf(response.body(), jsonLength));
            assertThat(header.path("outputs").path(0).path("parameters").path("binary_data_size").asInt()).isEqualTo(8);
            assertThat(header.path("outputs").path(0).has("data")).isFalse();
            ByteBuffer raw = ByteBuffer.wrap(response.body(), jsonLength, 8).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new float[] {raw.getFloat(), raw.getFloat()}).containsExactly(expected);
        }
        // binary_data false on the output wins over binary_data_output
        HttpResponse<byte[]> json = post(INFER, utf8(ROWS_JSON.replace("]}]}", "]}], \"parameters\": {\"binary_data_output\": true},"
                + " \"outputs\": [{\"name\": \"predict\", \"parameters\": {\"binary_data\": false}}]}")));
        assertThat(json.headers().firstValue(HEADER)).isEmpty();
        assertThat(jsonPredictions(json)).containsExactly(expected);
    }

    @Test
    void binaryBodiesWhoseSizesDisagreeGetA400NamingTheInput() throws Exception {
        String header = """
                {"inputs": [{"name": "rows", "shape": [2, 4], "datatype": "FP32", "parameters": {"binary_data_size": 32}}]}""";
        String length = Integer.toString(utf8(header).length);
        assertError(post(INFER, concat(utf8(header), floats(1, 2, 3)), HEADER, length), 400, "WrongSize",
                "input 'rows' has binary_data_size 32 but only 12 bytes");
        assertError(post(INFER, concat(utf8(header), floats(new float[9])), HEADER, length), 400, "WrongSize",
                "36 bytes of binary data", "add up to 32");
        assertError(post(INFER, concat(utf8(header.replace("32}", "28}")), floats(new float[7])), HEADER,
                Integer.toString(utf8(header).length)), 400, "WrongSize", "input 'rows' has 28 bytes", "needs 32");
        assertError(post(INFER, concat(utf8(header), floats(new float[8]))), 400, "WrongSize",
                "input 'rows' has binary_data_size but the request has no Inference-Header-Content-Length");
        assertError(post(INFER, utf8(header), HEADER, "9999"), 400, "WrongSize", "body has only");
        assertError(post(INFER, utf8(header), HEADER, "-3"), 400, "WrongSize", "must be a byte count");
    }

    @Test
    void serverMetadataAndKserveV1ServerEndpoints() {
        given().get("/v2").then().statusCode(200)
                .body("name", equalTo("mlops-inference-server"))
                .body("extensions", equalTo(List.of("binary_tensor_data", "explain")));
        given().get("/").then().statusCode(200).body("status", equalTo("alive"));
        given().get("/v1/models").then().statusCode(200).body("models", equalTo(List.of(MODEL)));
        for (String path : List.of("/v2/health/live", "/v2/health/ready", "/")) {
            given().head(path).then().statusCode(200);
        }
    }

    @Test
    void gzipAndDeflateBodiesAreInflatedBeforeTheyAreRead() throws Exception {
        float[] expected = jsonPredictions(post(INFER, utf8(ROWS_JSON)));
        assertThat(jsonPredictions(post(INFER, gzip(utf8(ROWS_JSON)), "Content-Encoding", "gzip")))
                .containsExactly(expected);
        assertThat(jsonPredictions(post(INFER, deflate(utf8(ROWS_JSON)), "Content-Encoding", "deflate")))
                .containsExactly(expected);
        HttpResponse<byte[]> v1 = post("v1/models/" + MODEL + ":predict",
                gzip(utf8("{\"instances\": [[35, 42000, \"plus\", 3]]}")), "Content-Encoding", "gzip");
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(json(v1).path("predictions").get(0).floatValue()).isEqualTo(expected[0]);
    }

    @Test
    void aSmallGzipBombGets413AndBrokenOrUnknownEncodingsA4xx() throws Exception {
        // 10 MB of spaces inflate from about 10 KB; the limit in this profile is 64 KB
        byte[] bomb = gzip(concat(utf8("{\"inputs\": "), " ".repeat(10_000_000).getBytes(StandardCharsets.US_ASCII)));
        assertThat(bomb.length).isLessThan(65536);
        assertError(post(INFER, bomb, "Content-Encoding", "gzip"), 413, "TooLarge", "once decompressed");
        assertError(post(INFER, utf8(ROWS_JSON), "Content-Encoding", "gzip"), 400, "BadEncoding", "not valid gzip");
        assertError(post(INFER, utf8(ROWS_JSON), "Content-Encoding", "br"), 415, "UnsupportedEncoding", "'br'");
        given().get("/v2/health/ready").then().statusCode(200);
    }

    @Test
    void answersAreCompressedWhenTheClientAcceptsIt() throws Exception {
        float[] expected = jsonPredictions(post(INFER, utf8(ROWS_JSON)));
        HttpResponse<byte[]> response = post(INFER, utf8(ROWS_JSON), "Accept-Encoding", "gzip");
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            JsonNode data = JSON.readTree(in).path("outputs").path(0).path("data");
            assertThat((float) data.get(0).asDouble()).isEqualTo(expected[0]);
        }
        // as Triton: only inference answers; tritonclient's asyncio client asks for gzip on every request but
        // reads metadata and errors as plain JSON
        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(base + "v2"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.headers().firstValue("Content-Encoding")).isNotEqualTo(Optional.of("gzip"));
        assertThat(metadata.body()).contains("mlops-inference-server");
        HttpResponse<byte[]> error = post(INFER, utf8("{}"), "Accept-Encoding", "gzip");
        assertThat(error.headers().firstValue("Content-Encoding")).isNotEqualTo(Optional.of("gzip"));
        assertError(error, 400, "WrongShape", "\"inputs\"");
    }

    @Test
    void infiniteInputsAreRefusedNamingTheRowAndFeatureWhileNanIsMissing() throws Exception {
        assertError(post("v1/models/" + MODEL + ":predict", utf8("{\"instances\": [[35, 1e400, \"plus\", 3]]}")),
                400, "NonFinite", "row 0: feature 'income' is Infinity");
        assertError(post(INFER, utf8(ROWS_JSON.replace("61,", "-Infinity,"))), 400, "NonFinite",
                "row 1: feature 'age' is -Infinity");
        assertError(post(INFER, utf8(ROWS_JSON.replace("42000", "1e39"))), 400, "NonFinite",
                "row 0: feature 'income'", "32-bit float range");
        String header = """
                {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP32", "parameters": {"binary_data_size": 16}}]}""";
        assertError(post(INFER, concat(utf8(header), floats(35, Float.POSITIVE_INFINITY, 1, 3)), HEADER,
                Integer.toString(utf8(header).length)), 400, "NonFinite", "feature 'income' is Infinity");
    }

    @Test
    void explanationsAreTreeShapContributionsThatAddUpToTheMargin() throws Exception {
        float[] probabilities = jsonPredictions(post(INFER, utf8(ROWS_JSON)));
        HttpResponse<byte[]> v2 = post("v2/models/" + MODEL + "/explain", utf8(ROWS_JSON));
        assertThat(v2.statusCode()).as(new String(v2.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode answer = json(v2);
        assertThat(answer.path("feature_names").toString()).isEqualTo("[\"age\",\"income\",\"plan\",\"visits\",\"bias\"]");
        JsonNode output = answer.path("outputs").path(0);
        assertThat(output.path("name").asText()).isEqualTo("contributions");
        assertThat(output.path("shape").toString()).isEqualTo("[2,5]");
        for (int row = 0; row < 2; row++) {
            double margin = 0;
            for (int f = 0; f < 5; f++) {
                margin += output.path("data").get(row * 5 + f).asDouble();
            }
            assertThat(1 / (1 + Math.exp(-margin))).as("row %d", row).isCloseTo(probabilities[row], within(1e-5));
        }

        HttpResponse<byte[]> v1 = post("v1/models/" + MODEL + ":explain",
                utf8("{\"instances\": [[35, 42000, \"plus\", 3]]}"));
        JsonNode row = json(v1).path("explanations").path(0);
        double margin = row.path("bias").asDouble();
        for (String feature : XgboostFixture.FEATURES) {
            margin += row.path("contributions").path(feature).asDouble();
        }
        assertThat(1 / (1 + Math.exp(-margin))).isCloseTo(probabilities[0], within(1e-5));
    }

    @Test
    void explainingMoreRowsThanTheCapGetsA400() throws Exception {
        String rows = "[35, 42000, \"plus\", 3],".repeat(100) + "[1, 2, \"plus\", 3]";
        assertError(post("v1/models/" + MODEL + ":explain", utf8("{\"instances\": [" + rows + "]}")), 400,
                "TooManyRows", "101 rows to explain", "at most 100");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(data);
        }
        return out.toByteArray();
    }
}
