package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Model;
import ai.djl.ml.xgboost.XgbNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.data.TableReader;
import dev.seed.mlops.trainer.evaluate.Predictions;
import dev.seed.mlops.trainer.train.FeatureEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged trainer as a Job would (java -jar, separate process), then loads the model it wrote through
 * DJL's XGBoost engine, in this JVM whose class path has DJL and no xgboost4j (the serving side's setup), and
 * checks that DJL predicts exactly what the trainer's own predict command computed.
 */
class DjlLoadIT {
    private static final Path JAR = Path.of(System.getProperty("trainer.jar"));

    @TempDir
    Path work;

    @Test
    void helpListsTheCommandsAndTheirOptions() throws Exception {
        Run help = java("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("prepare", "train", "predict", "--termination-log");
        assertThat(java("train", "--help").output()).contains("--snapshot", "--store", "--version", "--champion", "--spec");
    }

    @Test
    void djlPredictsWhatTheTrainerComputedForABinaryModel() throws Exception {
        assertDjlAgrees(TestDatasets.caravan(), "caravan", "{\"model\":\"caravan\",\"hyperparameters\":{\"max_depth\":\"4\","
                + "\"eta\":\"0.1\",\"nthread\":\"1\"}}", "auc");
    }

    @Test
    void djlPredictsWhatTheTrainerComputedForARegressionModelWithCategories() throws Exception {
        assertDjlAgrees(TestDatasets.bikeshare(), "bikeshare", "{\"model\":\"bikes\",\"hyperparameters\":{\"max_depth\":\"6\","
                + "\"nthread\":\"1\"}}", "rmse");
    }

    @Test
    void djlPredictsWhatTheTrainerComputedForAMulticlassModel() throws Exception {
        assertDjlAgrees(TestDatasets.threeClasses(work.resolve("three.csv")), "kinds",
                "{\"model\":\"kinds\",\"hyperparameters\":{\"max_depth\":\"3\",\"nthread\":\"1\"}}", "logLoss");
    }

    @Test
    void djlBundlesTheXgboostVersionTheTrainerTrainsWith() throws IOException {
        Properties bundled = new Properties();
        try (InputStream in = XgbNDManager.class.getClassLoader().getResourceAsStream("xgboost4j-version.properties")) {
            bundled.load(in);
        }
        assertThat(bundled.getProperty("version")).isEqualTo(System.getProperty("xgboost4j.version"));
    }

    private void assertDjlAgrees(DatasetSpec spec, String name, String trainingSpec, String metric) throws Exception {
        Path store = work.resolve("store");
        Path specFile = work.resolve(name + ".json");
        Files.writeString(specFile, CliRun.json(spec));
        JobResult snapshot = job("prepare", "--spec", specFile.toString(), "--name", name, "--store", store.toString());
        JobResult model = job("train", "--spec", trainingSpec, "--snapshot", snapshot.uri(), "--store", store.toString(),
                "--version", "1");
        Path testSplit = Path.of(snapshot.uri()).resolve(ArtifactFiles.TEST_SPLIT);
        Path predictionsFile = work.resolve(name + "-predictions.csv");
        job("predict", "--artifact", model.uri(), "--input", testSplit.toString(), "--output", predictionsFile.toString());
        float[] trainerPredictions = readPredictions(predictionsFile);

        Path artifact = Path.of(model.uri());
        ModelManifest manifest = Json.read(artifact.resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        Table test = TableReader.readFile(testSplit, spec.getSchema(), testSplit.toString());
        FeatureEncoder encoder = new FeatureEncoder(manifest.features());
        float[] djlPredictions;
        try (Model djl = Model.newInstance(name, "XGBoost")) {
            djl.load(artifact.resolve(manifest.modelFile()));
            XgbNDManager manager = (XgbNDManager) djl.getNDManager();
            manager.setMissingValue(Float.NaN);
            NDArray input = manager.create(encoder.encode(test), new Shape(test.rows(), encoder.width()));
            NDList output = djl.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
            djlPredictions = output.singletonOrThrow().toFloatArray();
        }

        // DJL gives one row-major array: one value per row, or one probability per class for multiclass
        int perRow = manifest.task().equals("multiclass") ? manifest.numClasses() : 1;
        assertThat(djlPredictions).hasSize(test.rows() * perRow).containsExactly(trainerPredictions);
        float[][] rows = new float[test.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(djlPredictions, i * perRow, (i + 1) * perRow);
        }
        double djlMetric = new Predictions(TaskType.valueOf(manifest.task()), rows).metrics(test.label().values()).get(metric);
        assertThat(djlMetric).isCloseTo(manifest.metrics().get(metric), offset(1e-12));
    }

    /** The predict command's CSV (a header, then one or one-per-class values a row), flattened row-major. */
    private static float[] readPredictions(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).matches("prediction|p0(,p\\d+)+");
        int perRow = lines.get(0).split(",").length;
        float[] values = new float[(lines.size() - 1) * perRow];
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            for (int k = 0; k < perRow; k++) {
                values[(i - 1) * perRow + k] = Float.parseFloat(fields[k]);
            }
        }
        return values;
    }

    private JobResult job(String... args) throws Exception {
        Path terminationLog = work.resolve("termination-log-" + System.nanoTime());
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--termination-log");
        all.add(terminationLog.toString());
        Run run = java(all.toArray(String[]::new));
        assertThat(run.exitCode()).as("%s failed:%n%s", args[0], run.output()).isZero();
        return Json.read(terminationLog, JobResult.class);
    }

    private Run java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path log = work.resolve("process-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("trainer did not finish in 3 minutes: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private record Run(int exitCode, String output) {
    }
}
