package dev.seed.mlops.serving.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.serving.fixtures.ServingProfiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Sends thousands of mutated request bodies (seeded, so a failure replays), JSON, binary tensors and gzip, and checks
 * that none gets a 5xx, and that afterwards the server is still ready and still predicts exactly what it predicted
 * before.
 */
@QuarkusTest
@TestProfile(ServingProfiles.XgboostBinary.class)
class FuzzTest {

    private static final int BODIES = 4000;
    private static final String V1 = "{\"instances\": [[35, 42000, \"plus\", 3], {\"age\": 61, \"income\": null,"
            + " \"plan\": \"premium\", \"visits\": 12}]}";
    private static final String V2_ROWS = "{\"id\": \"f\", \"inputs\": [{\"name\": \"input-0\", \"shape\": [2, 4],"
            + " \"datatype\": \"FP32\", \"data\": [[35, 42000, 1, 3], [61, null, 2, 12]]}]}";
    private static final String V2_COLUMNS = "{\"inputs\": [{\"name\": \"age\", \"shape\": [1], \"datatype\": \"FP64\","
            + " \"data\": [35]}, {\"name\": \"income\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [42000]},"
            + " {\"name\": \"plan\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"plus\"]},"
            + " {\"name\": \"visits\", \"shape\": [1, 1], \"datatype\": \"INT64\", \"data\": [3]}],"
            + " \"outputs\": [{\"name\": \"predict\"}]}";
    private static final String BINARY_HEADER = "{\"inputs\": [{\"name\": \"rows\", \"shape\": [2, 4],"
            + " \"datatype\": \"FP32\", \"parameters\": {\"binary_data_size\": 32}}],"
            + " \"parameters\": {\"binary_data_output\": true}}";
    /** Fragments that are valid JSON somewhere, wrong here, or both. */
    private static final String[] TOKENS = {"null", "NaN", "-Infinity", "true", "[]", "{}", "\"\"", "\"plus\"", "0",
        "-1", "1e308", "1e400", "123456789012345678901234567890", "[[[[[[[[[[1]]]]]]]]]]", "{\"a\":", "]", "}", ",",
        ":", "\"", "\\u0000", "\"name\"", "\"shape\"", "[-1, 4]", "[0]", "[99999999999, 4]", "\"BOOL\"", "\"FP16\"",
        "\"BYTES\"", "\"inputs\"", "\"instances\"", "\"\u00e9\u2603\ud83d\ude00\""};

    @TestHTTPResource("/")
    URL base;

    @Test
    void mutatedBodiesNeverGetA5xxAndTheServerKeepsAnsweringCorrectly() throws Exception {
        ServingProfiles.awaitReady();
        HttpClient client = HttpClient.newHttpClient();
        String v1 = "v1/models/" + InferenceApiTest.MODEL + ":predict";
        String v2 = "v2/models/" + InferenceApiTest.MODEL + "/infer";
        String before = send(client, v1, V1).body();

        Random random = new Random(0xF0221);
        List<String> failures = new ArrayList<>();
        int answered4xx = 0;
        for (int i = 0; i < BODIES; i++) {
            int template = random.nextInt(3);
            String body = mutate(random, template == 0 ? V1 : template == 1 ? V2_ROWS : V2_COLUMNS);
            HttpResponse<String> response = send(client, template == 0 ? v1 : v2, body);
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " for " + body + " -> " + response.body());
            } else if (response.statusCode() >= 400) {
                answered4xx++;
                assertThat(response.body()).as("error body for %s", body).contains("\"error\"").contains("\"reason\"");
            }
        }

        assertThat(failures).isEmpty();
        assertThat(answered4xx).as("mutations that were refused").isGreaterThan(BODIES / 2);
        given().get("/v2/health/ready").then().statusCode(200);
        assertThat(send(client, v1, V1).body()).isEqualTo(before);
    }

    /**
     * Binary tensor bodies (JSON header, raw tensors, the header's length) and gzip bodies, mutated byte-wise: flipped
     * and cut bytes, lengths that lie, compressed data that is broken or inflates to JSON that is.
     */
    @Test
    void mutatedBinaryAndGzipBodiesNeverGetA5xx() throws Exception {
        ServingProfiles.awaitReady();
        HttpClient client = HttpClient.newHttpClient();
        String v2 = "v2/models/" + InferenceApiTest.MODEL + "/infer";
        String before = send(client, v2, V2_ROWS).body();
        byte[] header = BINARY_HEADER.getBytes(StandardCharsets.UTF_8);
        ByteBuffer rows = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : new float[] {35, 42000, 1, 3, 61, Float.NaN, 2, 12}) {
            rows.putFloat(value);
        }
        byte[] binary = ByteBuffer.allocate(header.length + 32).put(header).put(rows.array()).array();

        Random random = new Random(0xB1A7);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < BODIES / 2; i++) {
            boolean gzip = random.nextBoolean();
            byte[] body;
            String jsonLength = null;
            if (gzip) {
                String json = mutate(random, random.nextBoolean() ? V2_ROWS : V2_COLUMNS);
                body = mutateBytes(random, gzip(json.getBytes(StandardCharsets.UTF_8)), random.nextInt(3));
            } else {
                body = mutateBytes(random, binary, 1 + random.nextInt(3));
                int length = random.nextInt(4) == 0 ? random.nextInt(body.length + 8) - 4 : header.length;
                jsonLength = random.nextInt(20) == 0 ? "x" + length : Integer.toString(length);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + v2))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (gzip) {
                request.header("Content-Encoding", "gzip");
            } else {
                request.header("Inference-Header-Content-Length", jsonLength);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + (gzip ? " for a gzip body" : " for a binary body, header length "
                        + jsonLength) + " -> " + response.body());
            } else if (response.statusCode() >= 400) {
                assertThat(response.body()).contains("\"error\"").contains("\"reason\"");
            }
        }

        assertThat(failures).isEmpty();
        given().get("/v2/health/ready").then().statusCode(200);
        assertThat(send(client, v2, V2_ROWS).body()).isEqualTo(before);
    }

    /** Flips, inserts, deletes or cuts bytes; zero edits keeps the body valid. */
    private static byte[] mutateBytes(Random random, byte[] body, int edits) {
        byte[] out = body.clone();
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = Arrays.copyOf(out, at);
                case 2 -> {
                    byte[] longer = Arrays.copyOf(out, out.length + 4);
                    System.arraycopy(out, at, longer, at + 4, out.length - at);
                    out = longer;
                }
                default -> out[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return out;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private HttpResponse<String> send(HttpClient client, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** One to three random edits: replace, insert or delete a span, duplicate a span, or truncate. */
    private static String mutate(Random random, String body) {
        StringBuilder text = new StringBuilder(body);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            int span = Math.min(text.length() - at, 1 + random.nextInt(8));
            switch (random.nextInt(6)) {
                case 0 -> text.replace(at, at + span, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> text.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> text.delete(at, at + span);
                case 3 -> text.insert(at, text.substring(at, at + span));
                case 4 -> text.setLength(at);
                default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString();
    }
}
