package dev.seed.mlops.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seed.mlops.serving.fixtures.BroughtOnnxFixture;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model brought by hand: a scikit-learn pipeline (imputer, scaler, logistic regression) trained on the sample credit
 * customers and exported with skl2onnx, served without a profile.json. Its answers are scikit-learn's own predict_proba.
 */
@QuarkusTest
@TestProfile(ServingProfiles.BroughtOnnx.class)
class BroughtOnnxModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Float32 inference against scikit-learn's float64: a few units in the sixth decimal at most. */
    private static final float TOLERANCE = 1e-5f;

    @BeforeEach
    void ready() {
        ServingProfiles.awaitReady();
    }

    @Test
    void v1AnswersWhatScikitLearnPredictsMissingValuesIncluded() throws IOException {
        JsonNode expected = expected();
        ArrayNode instances = JSON.createArrayNode();
        for (JsonNode row : expected.path("rows")) {
            ObjectNode instance = instances.addObject();
            for (int f = 0; f < row.size(); f++) {
                instance.set(expected.path("features").get(f).asText(), row.get(f));
            }
        }
        Response response = InferenceApiTest.post("/v1/models/" + BroughtOnnxFixture.MODEL + ":predict",
                JSON.createObjectNode().set("instances", instances).toString());
        response.then().statusCode(200);
        assertMatches(response.jsonPath().getList("predictions", Float.class), expected);
    }

    @Test
    void v2AnswersWhatScikitLearnPredicts() throws IOException {
        JsonNode expected = expected();
        JsonNode rows = expected.path("rows");
        Response response = InferenceApiTest.post("/v2/models/" + BroughtOnnxFixture.MODEL + "/infer",
                "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows.size() + ", " + rows.get(0).size()
                        + "], \"datatype\": \"FP32\", \"data\": " + rows + "}]}");
        response.then().statusCode(200);
        assertMatches(response.jsonPath().getList("outputs[0].data", Float.class), expected);
    }

    @Test
    void withoutAProfileNoDriftIsMeasured() {
        Response drift = given().get("/v2/models/" + BroughtOnnxFixture.MODEL + "/drift");
        drift.then().statusCode(200);
        assertThat(drift.jsonPath().getList("features")).as("features tracked without a baseline").isEmpty();
    }

    private static void assertMatches(List<Float> actual, JsonNode expected) {
        JsonNode probabilities = expected.path("probabilities");
        assertThat(actual).hasSize(probabilities.size());
        for (int r = 0; r < actual.size(); r++) {
            assertThat(actual.get(r)).as("row %d: %s", r, expected.path("rows").get(r))
                    .isCloseTo((float) probabilities.get(r).asDouble(), within(TOLERANCE));
        }
    }

    private static JsonNode expected() throws IOException {
        return JSON.readTree(BroughtOnnxFixture.artifact().resolve("expected.json").toFile());
    }
}
