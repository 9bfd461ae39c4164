package dev.seed.mlops.serving.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.testing.PackagedInferenceServer;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, started as users start it ({@code java -jar quarkus-run.jar} with the model directory
 * in the environment): it serves the model, and on SIGTERM it reports not ready, then waits for in-flight
 * requests, and still answers the request that was half sent when the signal came.
 */
class PackagedServerIT {

    private static final String BODY = "{\"instances\": [[35, 42000, \"plus\", 3]]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private PackagedInferenceServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.process().destroyForcibly();
        }
    }

    @Test
    void servesWithJavaJarAndDrainsInFlightRequestsOnSigterm() throws Exception {
        server = PackagedInferenceServer.start("packaged-server-it", PackagedInferenceServer.freePort(),
                Map.of("MLOPS_MODEL_DIR", XgboostFixture.artifact(Kind.BINARY).toString()));
        int port = server.port;
        Path log = server.log;
        String base = server.base();

        try (Socket inFlight = new Socket("127.0.0.1", port)) {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            OutputStream out = inFlight.getOutputStream();
            out.write(("POST /v1/models/" + XgboostFixture.modelName(Kind.BINARY) + ":predict HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();

            server.process().destroy(); // SIGTERM, as the kubelet sends it

            // first readiness fails while requests are still served (the shutdown delay), then the server
            // drains: it waits for the half-sent request before it stops
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> get(base + "/v2/health/ready").body().equals("{\"ready\":false}"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.readString(log).contains("Waiting for HTTP requests to complete"));
            assertThat(server.process().isAlive()).isTrue();

            out.write(body, 10, body.length - 10);
            out.flush();
            String response = readResponse(inFlight.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200").contains("{\"predictions\":[");
        }
        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("the server exits after draining").isTrue();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int read;
        while (!text.toString().contains("}") && (read = in.read(buffer)) > 0) {
            text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
