package dev.seed.mlops.serving.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.BatchShardMetrics;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.serving.fixtures.ServingProfiles;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch shard against the inference server serving the same artifact: the predictions written for a file are the
 * server's answers for the same rows, bit for bit, and the run is published only when its last shard is done.
 */
@QuarkusTest
@TestProfile(ServingProfiles.XgboostBinary.class)
class BatchShardTest {
    private static final String MODEL = XgboostFixture.modelName(Kind.BINARY);
    private static final int ROWS = 600;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @TempDir
    Path dir;

    @BeforeEach
    void serverReady() {
        ServingProfiles.awaitReady();
    }

    @Test
    void everyRowGetsTheServersPredictionOnceAndTheManifestComesLast() throws IOException {
        List<String[]> rows = rows(new Random(3));
        Path input = writeGzipped(rows);
        Path output = dir.resolve("out/run-1");
        BatchShard shard = new BatchShard(JSON, Clock.systemUTC());

        JobResult first = shard.run(options(input, output, 1));
        assertThat(Files.exists(output.resolve(RunOutput.MANIFEST))).as("published before every shard is done").isFalse();
        JobResult last = shard.run(options(input, output, 0));

        assertThat(first.metrics()).doesNotContainKey(BatchShardMetrics.PUBLISHED);
        assertThat(last.metrics()).containsEntry(BatchShardMetrics.PUBLISHED, 1.0).containsEntry(BatchShardMetrics.RUN_ROWS, (double) ROWS);
        assertThat(first.rows() + last.rows()).isEqualTo(ROWS);
        RunManifest manifest = JSON.readValue(output.resolve(RunOutput.MANIFEST).toFile(), RunManifest.class);
        assertThat(manifest.rowsOut()).isEqualTo(ROWS);
        assertThat(manifest.parts()).containsExactly("part-00000.csv", "part-00001.csv");
        assertThat(manifest.drift().features()).containsOnlyKeys(XgboostFixture.FEATURES);

        Map<String, Float> written = predictionsById(output.resolve("part-00000.csv"), output.resolve("part-00001.csv"));
        assertThat(written).hasSize(ROWS);
        List<Float> served = serverPredictions(rows);
        for (int r = 0; r < ROWS; r++) {
            assertThat(written.get(rows.get(r)[0])).as("row %d %s", r, String.join(",", rows.get(r))).isEqualTo(served.get(r));
        }
    }

    @Test
    void aRetriedShardReplacesItsPartWhole() throws IOException {
        Path input = writeGzipped(rows(new Random(5)));
        Path output = dir.resolve("out/run-2");
        BatchShard shard = new BatchShard(JSON, Clock.systemUTC());
        shard.run(options(input, output, 0));
        String before = Files.readString(output.resolve("part-00000.csv"));

        shard.run(options(input, output, 0));

        assertThat(Files.readString(output.resolve("part-00000.csv"))).isEqualTo(before);
        try (var files = Files.list(output)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("part-00000.csv", "part-00000.json");
        }
    }

    @Test
    void aRowTheServerWouldRefuseFailsTheShardNamingItsLine() throws IOException {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, "customer_id,age,income,plan,visits\nc0,30,1000,basic,2\nc1,thirty,1000,basic,2\n");

        JobResult result = new BatchShard(JSON, Clock.systemUTC()).runReporting(options(input, dir.resolve("out/bad"), 0, 1));

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("bad.csv line 3").contains("'age' is numeric but got \"thirty\"");
        assertThat(Files.exists(dir.resolve("out/bad/part-00000.csv"))).isFalse();
    }

    private ShardOptions options(Path input, Path output, int shard) {
        return options(input, output, shard, 2);
    }

    private ShardOptions options(Path input, Path output, int shard, int shards) {
        return new ShardOptions(XgboostFixture.artifact(Kind.BINARY).toString(), List.of(input.toString()), output.toString(), shard, shards,
                Optional.of("customer_id"), true, Optional.empty());
    }

    /** Rows as a client would send them: missing incomes, every plan, and a plan the model never saw. */
    private static List<String[]> rows(Random random) {
        List<String[]> rows = new ArrayList<>();
        List<String> plans = List.of("basic", "plus", "premium", "gold");
        for (int r = 0; r < ROWS; r++) {
            rows.add(new String[] {"c" + r, Integer.toString(18 + random.nextInt(60)),
                    random.nextInt(10) == 0 ? "" : String.format("%.2f", Math.exp(10 + random.nextGaussian() * 0.5)),
                    plans.get(random.nextInt(plans.size())), Integer.toString(random.nextInt(20))});
        }
        return rows;
    }

    private Path writeGzipped(List<String[]> rows) throws IOException {
        Path file = dir.resolve("input.csv.gz");
        StringBuilder csv = new StringBuilder("customer_id,age,income,plan,visits,ignored\n");
        rows.forEach(row -> csv.append(String.join(",", row)).append(",x\n"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static Map<String, Float> predictionsById(Path... parts) throws IOException {
        Map<String, Float> byId = new HashMap<>();
        for (Path part : parts) {
            List<String> lines = Files.readAllLines(part);
            assertThat(lines.get(0)).isEqualTo("customer_id,prediction,age,income,plan,visits");
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                assertThat(byId.put(fields[0], Float.parseFloat(fields[1]))).as("row %s written twice", fields[0]).isNull();
            }
        }
        return byId;
    }

    private static List<Float> serverPredictions(List<String[]> rows) {
        StringBuilder body = new StringBuilder("{\"instances\": [");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            body.append(r == 0 ? "" : ",").append("{\"age\": ").append(row[1])
                    .append(", \"income\": ").append(row[2].isEmpty() ? "null" : row[2])
                    .append(", \"plan\": \"").append(row[3]).append("\", \"visits\": ").append(row[4]).append('}');
        }
        return given().contentType(ContentType.JSON).body(body.append("]}").toString())
                .post("/v1/models/" + MODEL + ":predict")
                .then().statusCode(200).extract().jsonPath().getList("predictions", Float.class);
    }
}
