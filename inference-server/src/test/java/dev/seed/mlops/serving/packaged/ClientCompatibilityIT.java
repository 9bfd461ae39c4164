package dev.seed.mlops.serving.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.testing.PackagedInferenceServer;
import dev.seed.mlops.testing.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standard inference clients from PyPI (KServe's Python SDK, tritonclient http and grpc) drive the packaged
 * server through every call they offer: the pytest suite in src/test/python/clients (docs/protocol.md). The
 * predictions they get must be the ones the server gives in JSON, which this test asks for first and hands to the
 * suite in the file MLOPS_EXPECTED.
 */
class ClientCompatibilityIT {

    /** Rows in the expected file: the suite's largest batch. */
    private static final int ROWS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStandardClientCallPasses() throws Exception {
        Path venv = pythonClients();
        Kind kind = Kind.BINARY;
        try (PackagedInferenceServer server = PackagedInferenceServer.start("client-compatibility-it",
                PackagedInferenceServer.freePort(), Map.of("MLOPS_MODEL_DIR", XgboostFixture.artifact(kind).toString()))) {
            float[] rows = XgboostFixture.Dataset.generate(new Random(2020), ROWS, kind).values;
            String rowsJson = numbers(rows);
            var answer = server.post("/v2/models/" + XgboostFixture.modelName(kind) + "/infer",
                    "{\"inputs\": [{\"name\": \"rows\", \"shape\": [" + ROWS + ", 4], \"datatype\": \"FP32\", \"data\": "
                            + rowsJson + "}]}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode predictions = JSON.readTree(answer.body()).path("outputs").path(0).path("data");
            assertThat(predictions.size()).isEqualTo(ROWS);

            Path expected = Path.of("target", "client-compatibility-expected.json").toAbsolutePath();
            Files.writeString(expected, "{\"features\": " + JSON.writeValueAsString(XgboostFixture.FEATURES)
                    + ", \"categories\": {\"plan\": " + JSON.writeValueAsString(XgboostFixture.PLANS) + "}"
                    + ", \"rows\": " + rowsJson + ", \"predictions\": " + predictions + "}");

            Path report = Path.of("target", "client-compatibility-pytest.log").toAbsolutePath();
            ProcessBuilder pytest = new ProcessBuilder(venv.resolve("bin/python").toString(), "-m", "pytest", "-q",
                    "-p", "no:cacheprovider", RepoRoot.path().resolve("inference-server/src/test/python/clients").toString())
                    .redirectErrorStream(true).redirectOutput(report.toFile());
            pytest.environment().putAll(Map.of("MLOPS_HTTP_URL", "127.0.0.1:" + server.port,
                    "MLOPS_GRPC_URL", "127.0.0.1:" + server.grpcPort, "MLOPS_MODEL", XgboostFixture.modelName(kind),
                    "MLOPS_EXPECTED", expected.toString()));
            Process process = pytest.start();
            assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("pytest finished within 10 minutes").isTrue();
            assertThat(process.exitValue()).as("pytest's output (%s):%n%s", report, Files.readString(report))
                    .isZero();
        }
    }

    /**
     * The virtualenv of the clients: the path ./mlops passes (-Dmlops.python.clients), else the one the caching
     * script prints, which installs it on first use.
     */
    private static Path pythonClients() throws IOException, InterruptedException {
        String given = System.getProperty("mlops.python.clients");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Process script = new ProcessBuilder(RepoRoot.path().resolve("e2e-tests/scripts/python-clients.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(script.waitFor()).as("python-clients.sh exit code").isZero();
        List<String> lines = out.lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    /** The rows as nested JSON arrays, NaN for a missing value (numpy's and Python's json reading of it). */
    private static String numbers(float[] rows) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (int r = 0; r < rows.length / 4; r++) {
            StringJoiner row = new StringJoiner(", ", "[", "]");
            for (int f = 0; f < 4; f++) {
                float value = rows[r * 4 + f];
                row.add(Float.isNaN(value) ? "NaN" : Float.toString(value));
            }
            out.add(row.toString());
        }
        return out.toString();
    }
}
