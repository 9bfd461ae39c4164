import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.features.FeaturePipeline;
import dev.seed.mlops.features.TypedColumn;
import dev.seed.mlops.features.Values;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The transform step alone, in process, and the two request bodies of inference-server/bench/transforms.sh.
 *
 * <pre>java -cp 'inference-server/target/quarkus-app/lib/main/*' TransformCost.java ARTIFACT_DIR RAW_BODY ENGINEERED_BODY</pre>
 *
 * Reads the raw rows of RAW_BODY (a V1 {"instances": [...]} request), fills them into the artifact's fitted pipeline as
 * the server does (numbers as doubles, categories as their codes, null as missing) and runs the pipeline's
 * {@code transform} over them for about two seconds, after as long a warm-up; prints the thread's CPU nanoseconds per
 * row (CPU time, not wall time, so that other processes on a shared machine do not count). Writes ENGINEERED_BODY: the same rows as the model's features (what a client would have to send a model without
 * transforms), numbers as numbers, categories as names, missing as null.
 */
public final class TransformCost {
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long MEASURE_NANOS = 2_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelManifest manifest = json.readValue(Path.of(args[0], "manifest.json").toFile(), ModelManifest.class);
        FeaturePipeline pipeline = manifest.transforms().compile();
        JsonNode instances = json.readTree(new File(args[1])).get("instances");
        int rows = instances.size();
        double[][] filled = new double[rows][];
        for (int r = 0; r < rows; r++) {
            filled[r] = fill(pipeline, instances.get(r));
        }
        int width = pipeline.features().size();
        float[] out = new float[rows * width];
        double[] row = pipeline.newRow();
        int inputs = pipeline.inputs().size();

        run(pipeline, filled, row, inputs, out, width, WARM_UP_NANOS);
        long[] measured = run(pipeline, filled, row, inputs, out, width, MEASURE_NANOS);
        System.out.printf("transform_cpu_ns_per_row %.1f%n", (double) measured[1] / measured[0]);
        System.out.printf("rows_timed %d%n", measured[0]);
        System.out.printf("model_features %d raw_inputs %d transforms %d%n", width, inputs, manifest.transforms().transforms().size());
        Files.writeString(Path.of(args[2]), json.writeValueAsString(engineered(json, pipeline.features(), out, rows)));
    }

    /** Row-transforms done and the thread's CPU nanoseconds they took, in passes over every row, for {@code budget} wall nanoseconds. */
    private static long[] run(FeaturePipeline pipeline, double[][] filled, double[] row, int inputs, float[] out, int width, long budget) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long done = 0;
        do {
            for (int r = 0; r < filled.length; r++) {
                System.arraycopy(filled[r], 0, row, 0, inputs);
                pipeline.transform(row, out, r * width);
            }
            done += filled.length;
        } while (System.nanoTime() - start < budget);
        return new long[] {done, THREADS.getCurrentThreadCpuTime() - cpuStart};
    }

    private static double[] fill(FeaturePipeline pipeline, JsonNode instance) {
        List<TypedColumn> inputs = pipeline.inputs();
        double[] row = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode value = instance.get(inputs.get(i).name());
            if (value == null || value.isNull()) {
                row[i] = Values.MISSING;
            } else if (inputs.get(i).isCategorical()) {
                row[i] = Values.code(inputs.get(i).categories(), value.asText());
            } else {
                row[i] = value.asDouble();
            }
        }
        return row;
    }

    private static ObjectNode engineered(ObjectMapper json, List<TypedColumn> features, float[] out, int rows) {
        ObjectNode body = json.createObjectNode();
        ArrayNode instances = body.putArray("instances");
        for (int r = 0; r < rows; r++) {
            ObjectNode instance = instances.addObject();
            for (int f = 0; f < features.size(); f++) {
                float value = out[r * features.size() + f];
                TypedColumn feature = features.get(f);
                if (Float.isNaN(value)) {
                    instance.putNull(feature.name());
                } else if (feature.isCategorical()) {
                    instance.put(feature.name(), feature.categories().get((int) value));
                } else {
                    instance.put(feature.name(), value);
                }
            }
        }
        return body;
    }
}
