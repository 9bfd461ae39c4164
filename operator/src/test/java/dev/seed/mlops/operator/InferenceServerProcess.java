package dev.seed.mlops.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seed.mlops.testing.RepoRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real inference server, started as users start it ({@code java -jar}) on a loopback port with one of the
 * inference-server module's test models. The operator module's test dependency on it makes the reactor build it first.
 */
public final class InferenceServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public final String model;
    public final int port;
    private final Process process;

    private InferenceServerProcess(String model, int port, Process process) {
        this.model = model;
        this.port = port;
        this.process = process;
    }

    /** Starts the server on a free port and waits until it is ready (model loaded and warmed up). */
    public static InferenceServerProcess start(String model, String logName) throws IOException {
        Path jar = RepoRoot.path().resolve("inference-server/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged inference server").exists();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", logName + ".log").toFile());
        builder.environment().put("MLOPS_MODEL_DIR", RepoRoot.path().resolve("inference-server/src/test/resources/artifacts/models/" + model + "/1").toString());
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        InferenceServerProcess server = new InferenceServerProcess(model, port, builder.start());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> server.get("/v2/health/ready").statusCode() == 200);
        return server;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
