package dev.seed.mlops.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.fixtures.OnnxFixture;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ONNX model exported with skl2onnx, served through DJL's ONNX Runtime engine. */
@QuarkusTest
@TestProfile(ServingProfiles.Onnx.class)
class OnnxApiTest {

    private static final String INFER = "/v2/models/" + OnnxFixture.MODEL + "/infer";

    @BeforeEach
    void ready() {
        ServingProfiles.awaitReady();
    }

    @Test
    void answersWhatOnnxRuntimeAnsweredWhenTheModelWasMade() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(OnnxFixture.artifact().resolve("expected.json").toFile());
        JsonNode rows = expected.path("rows");
        Response response = InferenceApiTest.post(INFER, "{\"inputs\": [{\"name\": \"input\", \"shape\": ["
                + rows.size() + ", 4], \"datatype\": \"FP32\", \"data\": " + rows + "}]}");
        response.then().statusCode(200).body("outputs[0].shape", equalTo(List.of(rows.size())));
        List<Float> actual = response.jsonPath().getList("outputs[0].data", Float.class);
        for (int r = 0; r < rows.size(); r++) {
            assertThat(actual.get(r)).as("row %d", r)
                    .isCloseTo((float) expected.path("probabilities").get(r).asDouble(), within(1e-5f));
        }
        given().get("/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "mlops_model_info{engine=\"djl-onnxruntime\",format=\"onnx\",model=\"churn-onnx\",version=\"1\"} 1"));
    }

    @Test
    void missingValuesAreRefusedForAModelThatCannotTakeThem() {
        InferenceApiTest.expectError(InferenceApiTest.post(INFER, """
                {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [12, 70.5, null, 30]}]}"""),
                400, "MissingValue", "feature 'support_calls' does not accept missing values");
        InferenceApiTest.expectError(InferenceApiTest.post("/v1/models/" + OnnxFixture.MODEL + ":predict", """
                {"instances": [{"tenure_months": NaN, "monthly_charges": 70.5, "support_calls": 1, "usage_gb": 30}]}"""),
                400, "MissingValue", "feature 'tenure_months' does not accept missing values");
    }

    @Test
    void explanationsAreRefusedWithA400ForAModelThatIsNotXgboost() {
        InferenceApiTest.expectError(InferenceApiTest.post("/v2/models/" + OnnxFixture.MODEL + "/explain", """
                {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [12, 70.5, 1, 30]}]}"""),
                400, "NotExplainable", "explanations are computed for XGBoost models");
    }
}
