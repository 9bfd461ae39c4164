package dev.seed.mlops.serving.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.config.ServingConfig.EngineChoice;
import dev.seed.mlops.serving.fixtures.TransformedModelFixture;
import dev.seed.mlops.serving.model.ArtifactReader;
import dev.seed.mlops.serving.model.EngineSelector;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ModelArtifact;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.model.XgboostTreeCompiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What scoring the engineered features adds to recording a row for drift (not a test): the model with every kind of
 * transform ({@link TransformedModelFixture}, 5 raw inputs, 8 engineered features), 100 batches of 1,000 raw rows,
 * recorded by a monitor of the raw features only and by one of both. Prints each one's thread CPU nanoseconds per row.
 * Run on the test classpath, as inference-server/bench/drift.sh runs {@link DriftBench}.
 */
public final class EngineeredDriftBench {
    private static final int BATCHES = 100;
    private static final int BATCH_ROWS = 1_000;
    private static final int ROUNDS = 20;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper();
        ModelArtifact artifact = new ArtifactReader(json).read(TransformedModelFixture.artifact(), Optional.empty(), Optional.empty());
        FeatureSchema schema = new FeatureSchema(artifact.manifest());
        try (ServedModel model = new ServedModel(artifact, schema, new EngineSelector(new XgboostTreeCompiler(json))
                .open(artifact, FeatureSchema.modelInputs(artifact.manifest()), EngineChoice.AUTO))) {
            List<FeatureBatch> batches = batches(schema);
            List<float[]> inputs = batches.stream().map(model::modelInput).toList();
            float[] predictions = new float[BATCH_ROWS];
            DriftMonitor.WindowSpec window = new DriftMonitor.WindowSpec(10_000, 0, 10);
            DriftMonitor raw = DriftMonitor.create(schema, model.modelSchema(), 1, true,
                    artifact.profile().withEngineered(List.of()), "raw", window, Clock.systemUTC());
            DriftMonitor both = DriftMonitor.create(schema, model.modelSchema(), 1, true, artifact.profile(), "both", window,
                    Clock.systemUTC());
            for (int round = 0; round < 3; round++) {
                record(raw, batches, inputs, predictions);
                record(both, batches, inputs, predictions);
            }
            long rows = (long) ROUNDS * BATCHES * BATCH_ROWS;
            long rawNanos = 0;
            long bothNanos = 0;
            for (int round = 0; round < ROUNDS; round++) {
                rawNanos += record(raw, batches, inputs, predictions);
                bothNanos += record(both, batches, inputs, predictions);
            }
            System.out.printf("tracked raw %d, raw and engineered %d%n", raw.trackedFeatures().size(), both.trackedFeatures().size());
            System.out.printf("record_cpu_ns_per_row raw %.1f raw_and_engineered %.1f%n", (double) rawNanos / rows,
                    (double) bothNanos / rows);
        }
    }

    private static long record(DriftMonitor monitor, List<FeatureBatch> batches, List<float[]> inputs, float[] predictions) {
        long started = CPU.getCurrentThreadCpuTime();
        for (int b = 0; b < batches.size(); b++) {
            monitor.record(batches.get(b), inputs.get(b), predictions);
        }
        return CPU.getCurrentThreadCpuTime() - started;
    }

    /** Customers as the fixture trains on: income (5 % missing), debt, amount, signup, city. */
    private static List<FeatureBatch> batches(FeatureSchema schema) {
        Random random = new Random(7);
        List<FeatureBatch> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            FeatureBatch batch = new FeatureBatch(schema);
            for (int r = 0; r < BATCH_ROWS; r++) {
                int row = batch.addRow();
                double income = 20_000 + random.nextInt(80_000);
                if (random.nextDouble() >= 0.05) {
                    batch.setNumber(row, schema.indexOf("income"), income);
                }
                batch.setNumber(row, schema.indexOf("debt"), random.nextDouble() * income);
                batch.setNumber(row, schema.indexOf("amount"), Math.exp(random.nextGaussian() * 2 + 5));
                batch.setNumber(row, schema.indexOf("signup"), 1_600_000_000L + random.nextInt(100_000_000));
                batch.setString(row, schema.indexOf("city"),
                        random.nextDouble() < 0.06 ? "rare" + random.nextInt(3) : "c" + random.nextInt(4));
            }
            batches.add(batch);
        }
        return batches;
    }
}
