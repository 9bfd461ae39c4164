package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DataFormat;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.JobResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Prepare streams its source: a source three times the size of the heap prepares in a forked JVM with that heap, as
 * long as the table of the schema's columns fits (docs/api.md, Dataset sources: the bound). The rows carry a wide
 * column the schema does not name, so the bytes are large and the table small; a reader that held the source, or
 * its rows as text, would run out of memory.
 */
class PrepareMemoryTest {
    private static final int HEAP_MIB = 32;
    private static final int ROWS = 110_000;
    private static final String PADDING = "p".repeat(1000);

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataFormat.class, names = {"csv", "jsonl"})
    void aSourceLargerThanTheHeapPrepares(DataFormat format) throws IOException, InterruptedException {
        Path source = work.resolve("wide." + format);
        write(source, format);
        assertThat(Files.size(source)).as("the source's size").isGreaterThan(3L * HEAP_MIB * 1024 * 1024);

        DatasetSpec spec = TestDatasets.spec(source.toString(), "label", TaskType.binary);
        spec.setFormat(format);
        spec.getSchema().setFeatures(List.of(TestDatasets.feature("x", FeatureType.numeric)));
        Path result = work.resolve("result.json");
        Path log = work.resolve("prepare.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process prepare = new ProcessBuilder(java, "-Xmx" + HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"),
                "dev.seed.mlops.trainer.cli.TrainerMain", "prepare", "--spec", CliRun.json(spec), "--name", "wide",
                "--store", work.resolve("store").toString(), "--termination-log", result.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(prepare.waitFor(5, TimeUnit.MINUTES)).as("prepare ended").isTrue();
        assertThat(prepare.exitValue()).as("exit code; log: %s", Files.readString(log)).isZero();
        assertThat(Json.read(result, JobResult.class).rows()).isEqualTo(ROWS);
    }

    private static void write(Path file, DataFormat format) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            if (format == DataFormat.csv) {
                out.write("label,x,padding\n");
            }
            for (int row = 0; row < ROWS; row++) {
                int label = row % 2;
                double x = row * 0.001;
                out.write(format == DataFormat.csv
                        ? label + "," + x + "," + PADDING + "\n"
                        : "{\"label\":" + label + ",\"x\":" + x + ",\"padding\":\"" + PADDING + "\"}\n");
            }
        }
    }
}
