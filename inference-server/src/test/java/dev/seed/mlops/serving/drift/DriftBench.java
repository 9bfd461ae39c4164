package dev.seed.mlops.serving.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift side of inference-server/bench/drift.sh (not a test): the server's own DriftMonitor records a current
 * window of rows, as requests do, then scores every feature with each metric. Prints JSON: the scores, the CPU cost per
 * recorded row and of one evaluation of all features and metrics.
 *
 * <p>Arguments: a directory with manifest.json, profile.json (the project's format, deciles of the reference) and
 * current.f32 (rows x features, little-endian float32, row-major).
 */
public final class DriftBench {
    private static final int BATCH_ROWS = 1_000;
    private static final int EVALUATIONS = 1_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        FeatureSchema schema = new FeatureSchema(json.readValue(dir.resolve("manifest.json").toFile(), ModelManifest.class));
        DataProfile profile = json.readValue(dir.resolve("profile.json").toFile(), DataProfile.class);
        List<FeatureBatch> batches = read(dir.resolve("current.f32"), schema);
        long rows = batches.stream().mapToLong(FeatureBatch::rows).sum();
        float[] predictions = new float[BATCH_ROWS];

        // Warm-up rounds let the JIT compile the recording path, as it is after a serving pod's first minutes.
        for (int round = 0; round < 3; round++) {
            record(monitor(schema, profile, rows), batches, predictions);
        }
        DriftMonitor monitor = monitor(schema, profile, rows);
        long recordNanos = record(monitor, batches, predictions);

        Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
        long started = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < EVALUATIONS; i++) {
            for (String feature : monitor.trackedFeatures()) {
                for (DriftMetric metric : DriftMetric.values()) {
                    scores.computeIfAbsent(feature, f -> new LinkedHashMap<>()).put(metric.id(), monitor.featureScore(feature, metric));
                }
            }
        }
        double evaluationMicros = (CPU.getCurrentThreadCpuTime() - started) / 1_000.0 / EVALUATIONS;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("features", schema.size());
        out.put("recordCpuSeconds", recordNanos / 1e9);
        out.put("heapUsedMiB", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024 / 1024);
        out.put("recordNanosPerRow", (double) recordNanos / rows);
        out.put("evaluationMicros", evaluationMicros);
        out.put("scores", scores);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    private static DriftMonitor monitor(FeatureSchema schema, DataProfile profile, long rows) {
        return DriftMonitor.create(schema, schema, 1, false, profile, "bench", new DriftMonitor.WindowSpec(rows, 0, 10), Clock.systemUTC());
    }

    /** @return the CPU time of this thread, robust to other processes sharing the cores */
    private static long record(DriftMonitor monitor, List<FeatureBatch> batches, float[] predictions) {
        long started = CPU.getCurrentThreadCpuTime();
        for (FeatureBatch batch : batches) {
            monitor.record(batch, batch.values(), predictions);
        }
        return CPU.getCurrentThreadCpuTime() - started;
    }

    /** The rows as the server holds them after decoding requests of {@value #BATCH_ROWS} rows. */
    private static List<FeatureBatch> read(Path file, FeatureSchema schema) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FloatBuffer values = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            int width = schema.size();
            List<FeatureBatch> batches = new ArrayList<>();
            FeatureBatch batch = null;
            for (int row = 0; values.remaining() >= width; row++) {
                if (row % BATCH_ROWS == 0) {
                    batch = new FeatureBatch(schema);
                    batches.add(batch);
                }
                int r = batch.addRow();
                for (int f = 0; f < width; f++) {
                    batch.setNumber(r, f, values.get());
                }
            }
            return batches;
        }
    }
}
