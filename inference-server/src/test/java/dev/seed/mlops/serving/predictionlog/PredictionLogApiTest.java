package dev.seed.mlops.serving.predictionlog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request ids, the prediction log and the feedback endpoint of a server with logging on. */
@QuarkusTest
@TestProfile(PredictionLogApiTest.Logged.class)
class PredictionLogApiTest {

    static final Path STORE = Path.of("target", "prediction-log-api-test").toAbsolutePath();
    static final Path POD_DIR = STORE.resolve("prediction-logs/ns/credit/pod-0");
    private static final String MODEL = XgboostFixture.modelName(XgboostFixture.Kind.BINARY);
    /** One row as V1 takes it (the plan by name) and as a V2 FP32 tensor takes it (the plan's code). */
    private static final String ROW = "[35, 42000, \"plus\", 3]";
    private static final String TENSOR_ROW = "[35, 42000, 1, 3]";
    private static final String ID_PATTERN = "[0-9a-f]{16}-[0-9a-z]+";

    /** The binary fixture with the prediction log on, into a store of its own, emptied before the server starts. */
    public static final class Logged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            deleteRecursively(STORE);
            return Map.of("mlops.model.dir", XgboostFixture.artifact(XgboostFixture.Kind.BINARY).toString(),
                    "mlops.prediction-log.enabled", "true",
                    "mlops.prediction-log.store", STORE.toString(),
                    "mlops.prediction-log.namespace", "ns",
                    "mlops.prediction-log.service", "credit",
                    "mlops.prediction-log.pod", "pod-0");
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void ready() {
        ServingProfiles.awaitReady();
    }

    private static Response v1(String body, Optional<String> requestId) {
        var request = given().contentType(ContentType.JSON).body(body);
        requestId.ifPresent(id -> request.header("x-request-id", id));
        return request.post("/v1/models/" + MODEL + ":predict");
    }

    private static Response v2(String id, String rows, int count) {
        return given().contentType(ContentType.JSON).body("{" + (id == null ? "" : "\"id\": \"" + id + "\", ")
                + "\"inputs\": [{\"name\": \"x\", \"shape\": [" + count + ", 4], \"datatype\": \"FP32\", \"data\": ["
                + rows + "]}]}").post("/v2/models/" + MODEL + "/infer");
    }

    private static Response feedback(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v2/models/" + MODEL + "/feedback");
    }

    private static JsonNode logged(String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> LogLines.read(STORE).stream()
                .filter(line -> id.equals(line.get("id").asText())).findFirst(), Optional::isPresent).get();
    }

    @Test
    void v1AnswersCarryTheClientsRequestIdOrAGeneratedOneInAHeader() {
        v1("{\"instances\": [" + ROW + "]}", Optional.of("order-4711")).then().statusCode(200)
                .header("x-request-id", "order-4711");
        String generated = v1("{\"instances\": [" + ROW + "]}", Optional.empty()).then().statusCode(200)
                .header("x-request-id", matchesPattern(ID_PATTERN)).extract().header("x-request-id");

        JsonNode line = logged(generated);
        assertThat(line.get("type").asText()).isEqualTo("prediction");
        assertThat(line.get("model").asText()).isEqualTo(MODEL);
        assertThat(line.get("version").asText()).isEqualTo("1");
        assertThat(line.get("features").toString()).isEqualTo("{\"age\":35.0,\"income\":42000.0,\"plan\":\"plus\",\"visits\":3.0}");
        assertThat(line.get("prediction").isNumber()).isTrue();
        assertThat(logged("order-4711").get("prediction")).isEqualTo(line.get("prediction"));
    }

    @Test
    void v2EchoesTheBodysIdElseTheHeadersElseAGeneratedOneInBodyAndHeader() {
        v2("req-9", TENSOR_ROW, 1).then().statusCode(200).body("id", equalTo("req-9")).header("x-request-id", "req-9");
        given().contentType(ContentType.JSON).header("x-request-id", "from-header")
                .body("{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [" + TENSOR_ROW + "]}]}")
                .post("/v2/models/" + MODEL + "/infer").then().statusCode(200).body("id", equalTo("from-header"));
        Response generated = v2(null, TENSOR_ROW, 1);
        generated.then().statusCode(200).body("id", matchesPattern(ID_PATTERN));
        assertThat(generated.header("x-request-id")).isEqualTo(generated.jsonPath().getString("id"));
        v2("", TENSOR_ROW, 1).then().statusCode(200).body("id", matchesPattern(ID_PATTERN));
    }

    @Test
    void eachRowOfAMultiRowRequestIsLoggedAsIdHashRow() {
        v2("batch-1", TENSOR_ROW + ", [61, null, 2, 12]", 2).then().statusCode(200);
        assertThat(logged("batch-1#0").get("features").get("age").asDouble()).isEqualTo(35.0);
        assertThat(logged("batch-1#1").get("features").get("income").isNull()).isTrue();
    }

    @Test
    void aLabelForAPredictionServedHereIsAcceptedOnceAndLogged() {
        v2("order-1", TENSOR_ROW, 1).then().statusCode(200);
        feedback("{\"id\": \"order-1\", \"label\": 1, \"time\": \"2026-12-01T10:15:00+01:00\"}").then().statusCode(200)
                .body("accepted", equalTo(1)).body("served", equalTo(1)).body("unverified", equalTo(0));
        feedback("{\"id\": \"order-1\", \"label\": 0}").then().statusCode(409).body("reason", equalTo("Duplicate"))
                .body("error", containsString("'order-1' was already labelled"));

        JsonNode label = await().atMost(Duration.ofSeconds(30)).until(() -> LogLines.read(STORE).stream()
                .filter(l -> "label".equals(l.get("type").asText()) && "order-1".equals(l.get("id").asText()))
                .toList(), found -> !found.isEmpty()).get(0);
        assertThat(label.get("v").asInt()).isEqualTo(1);
        assertThat(label.get("label").asInt()).isEqualTo(1);
        assertThat(label.get("time").asText()).isEqualTo("2026-12-01T09:15:00.000Z");
        assertThat(label.get("received").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void aLabelForAnIdThisPodDidNotServeIsAcceptedAsUnverified() {
        feedback("[{\"id\": \"served-elsewhere\", \"label\": \"churned\"}]").then().statusCode(202)
                .body("accepted", equalTo(1)).body("served", equalTo(0)).body("unverified", equalTo(1));
    }

    @Test
    void badFeedbackGetsA4xxNamingWhatIsWrongAndRecordsNothing() {
        v2("batch-2", TENSOR_ROW + ", " + TENSOR_ROW, 2).then().statusCode(200);
        record Case(String body, int status, String reason, String message) {
        }
        for (Case bad : List.of(
                new Case("{\"id\": \"batch-2#0\", \"label\": true}", 400, "WrongType", "label must be a finite number or a non-empty string"),
                new Case("{\"id\": \"batch-2#0\", \"label\": [1]}", 400, "WrongType", "not an array"),
                new Case("{\"id\": \"batch-2#0\"", 400, "MalformedJson", "not valid JSON"),
                new Case("{\"label\": 1}", 400, "MissingId", "id must be the prediction's id"),
                new Case("{\"id\": \"batch-2#0\"}", 400, "MissingLabel", "label is missing"),
                new Case("{\"id\": \"batch-2#0\", \"label\": 1, \"time\": \"yesterday\"}", 400, "BadTime", "not 'yesterday'"),
                new Case("[]", 400, "WrongShape", "non-empty array"),
                new Case("[{\"id\": \"batch-2#0\", \"label\": 1}, {\"id\": \"batch-2#2\", \"label\": 1}]", 404, "UnknownId", "label 1: 'batch-2#2' names no row"),
                new Case("[{\"id\": \"batch-2#1\", \"label\": 1}, {\"id\": \"batch-2#1\", \"label\": 0}]", 409, "Duplicate", "label 1: 'batch-2#1' was already labelled"))) {
            feedback(bad.body()).then().statusCode(bad.status()).body("reason", equalTo(bad.reason()))
                    .body("error", containsString(bad.message()));
        }
        // none of the refused requests recorded its good labels
        feedback("[{\"id\": \"batch-2#0\", \"label\": 1}, {\"id\": \"batch-2#1\", \"label\": 0}]").then().statusCode(200)
                .body("served", equalTo(2));
        given().get("/metrics").then().body(containsString("mlops_feedback_refused_total{model=\"" + MODEL
                + "\",reason=\"WrongType\",version=\"1\"} 2.0"));
    }

    @Test
    void v1UsersReachTheSameFeedbackEndpoint() {
        v1("{\"instances\": [" + ROW + "]}", Optional.of("v1-order")).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"id\": \"v1-order\", \"label\": 0}")
                .post("/v1/models/" + MODEL + ":feedback").then().statusCode(200).body("served", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"id\": \"v1-order\", \"label\": 0}")
                .post("/v2/models/another-model/feedback").then().statusCode(404).body("reason", equalTo("ModelNotFound"));
    }

    @Test
    void theLogIsWrittenUnderTheStoreByNamespaceServiceAndPodAndCounted() {
        v2("counted", TENSOR_ROW, 1).then().statusCode(200);
        logged("counted");
        assertThat(LogLines.files(POD_DIR, LogFile.PARTIAL)).singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).matches("\\d{8}T\\d{6}Z-\\d{6}\\.jsonl\\.gz\\.partial"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/metrics").asString()
                .contains("mlops_prediction_log_written_total{model=\"" + MODEL + "\",type=\"prediction\",version=\"1\"}"));
        assertThat(given().get("/metrics").asString()).contains("mlops_prediction_log_dropped_total{model=\"" + MODEL
                + "\",reason=\"queue_full\",version=\"1\"} 0.0");
    }
}
