import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.operator.training.search.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The operator's search without a cluster, for the benchmark: trial n's values come from the operator's own
 * SearchSpace (the same seeded draws a TrainingJob's search makes), and each trial is the packaged trainer's
 * `train --trial` as a trial Job runs it. Prints a JSON summary.
 *
 * Usage: java -cp CLASSPATH SearchTrials.java JAR SNAPSHOT WORK SEARCH_JSON BASE_HYPERPARAMETERS_JSON PARALLELISM
 */
public class SearchTrials {
    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String snapshot = args[1];
        Path work = Path.of(args[2]);
        ObjectMapper json = new ObjectMapper();
        Search search = json.readValue(args[3], Search.class);
        Map<String, String> base = json.readValue(args[4], Map.class);
        int parallelism = Integer.parseInt(args[5]);
        SearchSpace space = new SearchSpace(search);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        List<Future<Map<String, Object>>> trials = new ArrayList<>();
        for (int n = 0; n < space.totalTrials(); n++) {
            int trial = n;
            trials.add(pool.submit(() -> run(jar, snapshot, work, trial, base, space.trial(trial), json)));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Object> best = null;
        for (Future<Map<String, Object>> future : trials) {
            Map<String, Object> result = future.get();
            results.add(result);
            if (result.get("auc") != null && (best == null || (double) result.get("auc") > (double) best.get("auc"))) {
                best = result;
            }
        }
        pool.shutdown();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", (System.nanoTime() - started) / 1e9);
        summary.put("best_auc", best == null ? null : best.get("auc"));
        summary.put("best_params", best == null ? null : best.get("params"));
        summary.put("trials", results);
        System.out.println(json.writeValueAsString(summary));
    }

    private static Map<String, Object> run(String jar, String snapshot, Path work, int n, Map<String, String> base,
                                           Map<String, String> values, ObjectMapper json) throws Exception {
        Map<String, String> hyperparameters = new TreeMap<>(base);
        hyperparameters.putAll(values);
        String spec = json.writeValueAsString(Map.of("model", "bench", "hyperparameters", hyperparameters));
        Path result = work.resolve("trial-" + n + ".json");
        Process process = new ProcessBuilder("java", "-Xmx2g", "-jar", jar, "train", "--trial", "--spec", spec, "--snapshot", snapshot,
                "--store", work.resolve("store").toString(), "--version", "1", "--termination-log", result.toString())
                .redirectOutput(work.resolve("trial-" + n + ".log").toFile()).redirectErrorStream(true).start();
        process.waitFor();
        JsonNode metrics = json.readTree(Files.readString(result)).path("metrics");
        Map<String, Object> trial = new LinkedHashMap<>();
        trial.put("trial", n);
        trial.put("params", values);
        trial.put("auc", metrics.has("validation.auc") ? metrics.get("validation.auc").asDouble() : null);
        return trial;
    }
}
