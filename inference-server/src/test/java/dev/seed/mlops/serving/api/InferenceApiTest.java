package dev.seed.mlops.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.DjlEngine;
import dev.seed.mlops.serving.model.ModelArtifact;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ServingProfiles.XgboostBinary.class)
class InferenceApiTest {

    static final String MODEL = XgboostFixture.modelName(Kind.BINARY);
    /** Two rows as the model takes them: age, income, plan code, visits. */
    private static final float[] ROWS = {35, 42000, 1, 3, 61, Float.NaN, 2, 12};

    @BeforeEach
    void ready() {
        ServingProfiles.awaitReady();
    }

    /** What DJL's XGBoost engine, the reference, predicts for {@link #ROWS}. */
    static float[] reference() {
        Path dir = XgboostFixture.artifact(Kind.BINARY);
        ModelArtifact artifact = new ArtifactReader(new ObjectMapper()).read(dir, Optional.empty(), Optional.empty());
        float[] out = new float[2];
        try (DjlEngine djl = DjlEngine.xgboost(artifact)) {
            djl.predict(ROWS, 2, out);
        }
        return out;
    }

    private static void assertPredictions(List<Float> actual) {
        float[] expected = reference();
        assertThat(actual).hasSize(2);
        assertThat(actual.get(0)).isCloseTo(expected[0], within(1e-6f));
        assertThat(actual.get(1)).isCloseTo(expected[1], within(1e-6f));
    }

    static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void v1PredictTakesRowsAsArraysInFeatureOrderOrAsObjects() {
        Response arrays = post("/v1/models/" + MODEL + ":predict",
                "{\"instances\": [[35, 42000, \"plus\", 3], [61, null, \"premium\", 12]]}");
        arrays.then().statusCode(200).contentType(ContentType.JSON);
        assertPredictions(arrays.jsonPath().getList("predictions", Float.class));

        Response objects = post("/v1/models/" + MODEL + ":predict", "{\"instances\": ["
                + "{\"plan\": \"plus\", \"age\": 35, \"income\": 42000, \"visits\": 3},"
                + "{\"age\": 61, \"income\": NaN, \"plan\": 2, \"visits\": 12}]}");
        objects.then().statusCode(200);
        assertPredictions(objects.jsonPath().getList("predictions", Float.class));
    }

    @Test
    void v2InferTakesOneRowTensorOrOneTensorPerFeature() {
        Response rowTensor = post("/v2/models/" + MODEL + "/infer", """
                {"id": "req-1", "inputs": [{"name": "input-0", "shape": [2, 4], "datatype": "FP32",
                  "data": [[35, 42000, 1, 3], [61, null, 2, 12]]}]}""");
        rowTensor.then().statusCode(200)
                .body("model_name", equalTo(MODEL))
                .body("model_version", equalTo("1"))
                .body("id", equalTo("req-1"))
                .body("outputs[0].name", equalTo("predict"))
                .body("outputs[0].datatype", equalTo("FP32"))
                .body("outputs[0].shape", equalTo(List.of(2)));
        assertPredictions(rowTensor.jsonPath().getList("outputs[0].data", Float.class));

        Response perFeature = post("/v2/models/" + MODEL + "/versions/1/infer", """
                {"inputs": [
                  {"name": "visits", "shape": [2], "datatype": "INT32", "data": [3, 12]},
                  {"name": "plan", "shape": [2, 1], "datatype": "BYTES", "data": ["plus", "premium"]},
                  {"name": "age", "shape": [2], "datatype": "FP64", "data": [35, 61]},
                  {"name": "income", "shape": [2], "datatype": "FP32", "data": [42000, null]}],
                 "outputs": [{"name": "predict"}]}""");
        perFeature.then().statusCode(200);
        assertPredictions(perFeature.jsonPath().getList("outputs[0].data", Float.class));
    }

    @Test
    void healthAndModelReadinessAndMetadata() {
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
        given().get("/v2/models/" + MODEL + "/ready").then().statusCode(200).body("ready", equalTo(true));
        given().get("/v2/models/" + MODEL + "/versions/1/ready").then().statusCode(200);
        given().get("/v1/models/" + MODEL).then().statusCode(200).body("ready", equalTo(true));
        given().get("/v2/models/" + MODEL).then().statusCode(200)
                .body("name", equalTo(MODEL))
                .body("versions", equalTo(List.of("1")))
                .body("platform", equalTo("xgboost"))
                .body("inputs.name", equalTo(XgboostFixture.FEATURES))
                .body("inputs.datatype", equalTo(List.of("FP32", "FP32", "BYTES", "FP32")))
                .body("outputs[0].name", equalTo("predict"));
    }

    @Test
    void badRequestsGetA4xxThatNamesTheProblem() {
        String v1 = "/v1/models/" + MODEL + ":predict";
        String v2 = "/v2/models/" + MODEL + "/infer";
        expectError(post(v1, "{\"instances\": [[35, 42000, \"plus\", 3]"), 400, "MalformedJson", "not valid JSON");
        expectError(post(v1, "{\"instances\": [[35, 42000, \"plus\"]]}"), 400, "WrongShape", "row 0 has 3 values");
        expectError(post(v1, "{\"instances\": [{\"age\": 35, \"income\": 1, \"plan\": \"plus\"}]}"), 400,
                "MissingFeature", "feature 'visits' is missing");
        expectError(post(v1, "{\"instances\": [{\"age\": 35, \"income\": 1, \"plan\": \"plus\", \"visits\": 1, \"zip\": 1}]}"),
                400, "UnknownFeature", "'zip' is not a feature");
        expectError(post(v1, "{\"instances\": [[\"old\", 42000, \"plus\", 3]]}"), 400, "WrongType",
                "feature 'age' is numeric");
        expectError(post(v1, "{\"instances\": [[35, 42000, 7, 3]]}"), 400, "WrongType", "feature 'plan' is categorical");
        expectError(post(v1, "{\"instances\": [[35, true, \"plus\", 3]]}"), 400, "WrongType", "not a boolean");
        expectError(post(v1, "{\"rows\": []}"), 400, "WrongShape", "\"instances\"");
        expectError(post(v2, """
                {"inputs": [{"name": "x", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}]}"""),
                400, "WrongShape", "send shape [rows, 4]");
        expectError(post(v2, """
                {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 0, "4"]}]}"""),
                400, "WrongType", "is FP32 but holds a string");
        expectError(post(v2, """
                {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "INT64", "data": [1, 2.5, 0, 4]}]}"""),
                400, "WrongType", "is INT64 but holds the number 2.5");
        expectError(post(v2, """
                {"inputs": [{"name": "x", "shape": [2, 4], "datatype": "FP32", "data": [1, 2, 0, 4]}]}"""),
                400, "WrongShape", "needs 8");
        expectError(post(v2, """
                {"inputs": [{"name": "age", "shape": [1], "datatype": "FP32", "data": [1]}]}"""),
                400, "MissingFeature", "feature 'income' has no input");
        expectError(post(v2, """
                {"inputs": [{"name": "x", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 0, 4]}],
                 "outputs": [{"name": "probabilities"}]}"""), 400, "UnknownOutput", "'probabilities'");
        expectError(post("/v2/models/other/infer", "{}"), 404, "ModelNotFound", "'other' is not served here");
        expectError(post("/v2/models/" + MODEL + "/versions/7/infer", "{}"), 404, "VersionNotFound", "version '7'");
        expectError(post("/v1/models/other:predict", "{}"), 404, "ModelNotFound", "'other'");
        expectError(given().get("/v2/models/other"), 404, "ModelNotFound", "'other'");
        expectError(given().get("/v2/nothing/here"), 404, "NotFound", "no endpoint");
    }

    @Test
    void aBodyOverTheLimitGets413BeforeItIsParsed() {
        String huge = "{\"instances\": [" + "[35, 42000, \"plus\", 3],".repeat(4000) + "[1, 2, \"plus\", 3]]}";
        expectError(post("/v1/models/" + MODEL + ":predict", huge), 413, "TooLarge", "larger than 65536 bytes");
    }

    static void expectError(Response response, int status, String reason, String messagePart) {
        response.then().statusCode(status).contentType(ContentType.JSON)
                .body("reason", equalTo(reason))
                .body("error", containsString(messagePart));
    }

    @Test
    void driftIsReportedPerFeatureAndForThePredictionAgainstTheBaseline() {
        for (int i = 0; i < 5; i++) {
            post("/v1/models/" + MODEL + ":predict", "{\"instances\": [[35, 42000, \"plus\", 3], [61, null, \"gold\", 12]]}")
                    .then().statusCode(200);
        }
        Response drift = given().get("/v2/models/" + MODEL + "/drift");
        drift.then().statusCode(200)
                .body("model", equalTo(MODEL))
                .body("version", equalTo("1"))
                .body("baselineDigest", equalTo("sha256:" + XgboostFixture.sha256(
                        XgboostFixture.artifact(Kind.BINARY).resolve("profile.json"))))
                .body("window.kind", equalTo("rows"))
                .body("features", hasSize(4))
                .body("features.name", equalTo(XgboostFixture.FEATURES))
                .body("prediction.name", equalTo("_prediction"));
        assertThat(drift.jsonPath().getLong("samples")).isGreaterThanOrEqualTo(10);
        // every request so far sent ages 35 and 61 only: far from the training ages' spread
        assertThat(drift.jsonPath().getDouble("features[0].psi")).isGreaterThan(0.2);
        assertThat(drift.jsonPath().getString("window.start")).isNotNull();
    }

    @Test
    void metricsAreExposedInPrometheusTextFormat() {
        post("/v1/models/" + MODEL + ":predict", "{\"instances\": [[35, 42000, \"plus\", 3]]}").then().statusCode(200);
        post("/v1/models/" + MODEL + ":predict", "{\"instances\": [[35]]}").then().statusCode(400);

        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        String labels = "model=\"" + MODEL + "\",version=\"1\"";
        assertThat(metrics)
                .containsPattern("mlops_inference_requests_total\\{code=\"200\"," + labels + "} [1-9]")
                .containsPattern("mlops_inference_requests_total\\{code=\"400\"," + labels + "} [1-9]")
                .containsPattern("mlops_inference_request_duration_seconds_bucket\\{" + labels + ",le=\"0.001\"}")
                .containsPattern("mlops_inference_predicted_rows_total\\{" + labels + "} [1-9]")
                .containsPattern("mlops_inference_expected_correct_rows_total\\{" + labels + "} 0\\.[5-9]|mlops_inference_expected_correct_rows_total\\{" + labels + "} [1-9]")
                .contains("mlops_model_calibration_error{" + labels + "} 0.031")
                .contains("mlops_model_info{engine=\"tree-ensemble\",format=\"xgboost\"," + labels + "} 1")
                .containsPattern("mlops_feature_drift\\{feature=\"age\",metric=\"psi\"," + labels + "} [0-9]")
                .containsPattern("mlops_feature_drift\\{feature=\"plan\",metric=\"jensenShannon\"," + labels + "}")
                .containsPattern("mlops_prediction_drift\\{metric=\"ks\"," + labels + "} [0-9]");
    }
}
