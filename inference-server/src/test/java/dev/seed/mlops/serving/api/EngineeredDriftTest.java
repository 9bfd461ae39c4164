package dev.seed.mlops.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.serving.fixtures.ServingProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model with transforms is watched for drift on the features it computes too: clients send raw rows, the server
 * scores the engineered features against the training split's profile of them and exports them like raw ones.
 */
@QuarkusTest
@TestProfile(ServingProfiles.Transformed.class)
class EngineeredDriftTest {
    private static final String MODEL = "customers";
    private static final int BATCHES = 10;
    private static final int BATCH_ROWS = 200;

    @BeforeEach
    void ready() {
        ServingProfiles.awaitReady();
    }

    @Test
    void engineeredFeaturesAreScoredAgainstTheirTrainingProfileAndExported() {
        Random random = new Random(12);
        predict(random, debtShare -> debtShare);
        JsonPath likeTraining = given().get("/v2/models/" + MODEL + "/drift").then().statusCode(200).extract().jsonPath();
        assertThat(likeTraining.getList("features.name", String.class)).containsExactly("income", "debt", "amount",
                "signup", "city", "income_filled", "income_filled_missing", "debt_ratio", "amount_log", "amount_std",
                "debt_bucket", "signup_day", "city_folded");
        assertThat(psi(likeTraining, "debt_ratio")).as("rows like the training ones").isLessThan(0.05);
        assertThat(psi(likeTraining, "city_folded")).isLessThan(0.05);
        assertThat(psi(likeTraining, "income_filled")).isLessThan(0.05);

        // As many rows again with debts near the whole income: neither debt nor income moves as much as their ratio.
        predict(random, debtShare -> 0.9 + debtShare * 0.1);
        JsonPath shifted = given().get("/v2/models/" + MODEL + "/drift").then().statusCode(200).extract().jsonPath();
        assertThat(psi(shifted, "debt_ratio")).isGreaterThan(0.5).isGreaterThan(psi(shifted, "debt"));

        String metrics = given().get("/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("mlops_feature_drift\\{feature=\"debt_ratio\",metric=\"psi\",model=\"" + MODEL
                + "\",version=\"1\"} (0\\.[5-9]|[1-9])");
        assertThat(metrics).containsPattern("mlops_feature_drift\\{feature=\"city_folded\",metric=\"jensenShannon\"");
    }

    private static double psi(JsonPath drift, String feature) {
        return drift.getDouble("features.find { it.name == '" + feature + "' }.psi");
    }

    /** Customers as the fixture trains on, with the debt's share of the income mapped by {@code debtShare}. */
    private static void predict(Random random, DoubleUnaryOperator debtShare) {
        for (int batch = 0; batch < BATCHES; batch++) {
            StringBuilder body = new StringBuilder("{\"instances\": [");
            for (int row = 0; row < BATCH_ROWS; row++) {
                double income = 20_000 + random.nextInt(80_000);
                double debt = debtShare.applyAsDouble(random.nextDouble()) * income;
                String city = random.nextDouble() < 0.06 ? "rare" + random.nextInt(3) : "c" + random.nextInt(4);
                body.append(row == 0 ? "" : ",").append("{\"income\": ").append(random.nextDouble() < 0.05 ? "null" : income)
                        .append(", \"debt\": ").append(debt).append(", \"amount\": ").append(Math.exp(random.nextGaussian() * 2 + 5))
                        .append(", \"signup\": ").append(1_600_000_000L + random.nextInt(100_000_000))
                        .append(", \"city\": \"").append(city).append("\"}");
            }
            given().contentType(ContentType.JSON).body(body.append("]}").toString())
                    .post("/v1/models/" + MODEL + ":predict").then().statusCode(200);
        }
    }
}
