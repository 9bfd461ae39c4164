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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Prepare streams its source and holds neither it nor its table (docs/api.md, Dataset sources: the bound), checked in a
 * forked JVM with a small heap: a source three times the size of the heap, whose rows carry a wide column the schema
 * does not name (a reader that held the source, or its rows as text, would run out of memory); and a source with 20
 * features and more than three times the rows whose table would fit in the heap (a prepare that held the table would run out).
 */
class PrepareMemoryTest {
    private static final int HEAP_MIB = 32;
    private static final int ROWS = 110_000;
    private static final String PADDING = "p".repeat(1000);
    private static final int FEATURES = 20;
    private static final int MANY_ROWS = 600_000;

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
        assertThat(prepare(spec, "wide")).isEqualTo(ROWS);
    }

    @Test
    void aSourceWhoseTableIsLargerThanTheHeapPrepares() throws IOException, InterruptedException {
        Path source = work.resolve("many.csv");
        Random random = new Random(15);
        try (BufferedWriter out = Files.newBufferedWriter(source)) {
            out.write("label," + IntStream.range(0, FEATURES).mapToObj(j -> "f" + j).collect(Collectors.joining(",")) + "\n");
            for (int row = 0; row < MANY_ROWS; row++) {
                out.write(Integer.toString(row % 2));
                for (int j = 0; j < FEATURES; j++) {
                    out.write(',');
                    out.write(Double.toString(Math.round(random.nextGaussian() * 1e4) / 1e4));
                }
                out.write('\n');
            }
        }
        long tableBytes = 8L * MANY_ROWS * (FEATURES + 2);
        assertThat(tableBytes).as("the table's size").isGreaterThan(3L * HEAP_MIB * 1024 * 1024);

        DatasetSpec spec = TestDatasets.spec(source.toString(), "label", TaskType.binary);
        spec.getSchema().setFeatures(IntStream.range(0, FEATURES)
                .mapToObj(j -> TestDatasets.feature("f" + j, FeatureType.numeric)).toList());
        assertThat(prepare(spec, "many")).isEqualTo(MANY_ROWS);
    }

    private long prepare(DatasetSpec spec, String name) throws IOException, InterruptedException {
        Path result = work.resolve(name + "-result.json");
        Path log = work.resolve(name + "-prepare.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process prepare = new ProcessBuilder(java, "-Xmx" + HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"),
                "dev.seed.mlops.trainer.cli.TrainerMain", "prepare", "--spec", CliRun.json(spec), "--name", name,
                "--store", work.resolve("store").toString(), "--termination-log", result.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(prepare.waitFor(5, TimeUnit.MINUTES)).as("prepare ended").isTrue();
        assertThat(prepare.exitValue()).as("exit code; log: %s", Files.readString(log)).isZero();
        return Json.read(result, JobResult.class).rows();
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
