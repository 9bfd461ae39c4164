package dev.seed.mlops.serving.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.testing.PackagedInferenceServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Inference requests of the fixture models' features, in V1 or V2, and their answers read back. */
final class TestRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private TestRequests() {
    }

    /** Rows like the fixtures' training data: age, income, plan code, visits. */
    static float[][] rows(Random random, int count) {
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new float[] {18 + random.nextInt(60), (float) Math.exp(10 + random.nextGaussian() * 0.5),
                random.nextInt(3), random.nextInt(20)};
        }
        return rows;
    }

    static String body(float[][] rows, boolean v2) {
        StringBuilder data = new StringBuilder();
        for (float[] row : rows) {
            data.append(data.length() == 0 ? "[" : ", [").append(row[0]).append(", ").append(row[1]).append(", ")
                    .append((int) row[2]).append(", ").append(row[3]).append(']');
        }
        return v2 ? "{\"inputs\": [{\"name\": \"rows\", \"shape\": [" + rows.length + ", 4], \"datatype\": \"FP32\","
                + " \"data\": [" + data + "]}]}" : "{\"instances\": [" + data + "]}";
    }

    /**
     * @param forwarded whether to send the loop guard header, so the server answers locally whatever its routing
     */
    static HttpResponse<String> predict(PackagedInferenceServer server, String model, float[][] rows, boolean v2,
            boolean forwarded) throws IOException, InterruptedException {
        String path = v2 ? "/v2/models/" + model + "/infer" : "/v1/models/" + model + ":predict";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(rows, v2)));
        if (forwarded) {
            request.header("mlops-forwarded", "test");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The predictions of a 200 answer, flattened row by row. */
    static float[] predictions(HttpResponse<String> response, boolean v2) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode values = v2 ? JSON.readTree(response.body()).path("outputs").path(0).path("data")
                : JSON.readTree(response.body()).path("predictions");
        List<Float> flat = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isArray()) {
                value.forEach(v -> flat.add((float) v.asDouble()));
            } else {
                flat.add((float) value.asDouble());
            }
        }
        float[] out = new float[flat.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.get(i);
        }
        return out;
    }

    static JsonNode routing(PackagedInferenceServer server, String model) throws IOException, InterruptedException {
        return JSON.readTree(server.get("/v2/models/" + model + "/routing").body());
    }
}
