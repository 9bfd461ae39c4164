package dev.seed.mlops.trainer.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.CliRun;
import dev.seed.mlops.trainer.evaluate.ClassificationMetrics;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic data passes the sample Dataset's validation and the sample TrainingJob's gates, as the demo needs. */
class SampleDataTest {
    private static final Path SAMPLES = Path.of(System.getProperty("mlops.repo.root", "..")).resolve("config/samples");

    @TempDir
    Path work;

    @Test
    void baselineDataPassesTheSampleDatasetAndTrainsAModelThatPassesTheSampleGates() throws IOException {
        JobResult model = prepareAndTrain(Population.BASELINE, 1);

        assertThat(model.metrics().get("auc")).isGreaterThan(0.75);
        assertThat(model.metrics().get("logLoss")).isLessThan(0.6);
        // binary:logistic on the sample data is calibrated: the accuracy estimate's trust threshold (0.05) holds for it
        assertThat(model.metrics().get("calibrationError")).isBetween(0.0, 0.05);
    }

    @Test
    void shiftedDataIsValidToo() throws IOException {
        assertThat(prepareAndTrain(Population.SHIFTED, 2).metrics().get("auc")).isGreaterThan(0.7);
    }

    @Test
    void theTransformsSampleFitsTheSampleDataAndTrainsAModelThatPassesTheSampleGates() throws IOException {
        JobResult model = prepareAndTrain("09-dataset-transforms.yaml", Population.BASELINE, 1);

        assertThat(model.metrics().get("auc")).isGreaterThan(0.75);
        assertThat(model.metrics().get("logLoss")).isLessThan(0.6);
    }

    @Test
    void sameSeedGivesSameBytesAndShiftedCustomersAreOlder() throws IOException {
        assertThat(Files.readString(write(Population.BASELINE, "a.csv", 7))).isEqualTo(Files.readString(write(Population.BASELINE, "b.csv", 7)));
        double baseline = meanAge(new CreditRiskSample(Population.BASELINE, 3).requests(5000));
        double shifted = meanAge(new CreditRiskSample(Population.SHIFTED, 3).requests(5000));
        assertThat(shifted - baseline).isGreaterThan(12);
        assertThat(new CreditRiskSample(Population.BASELINE, 3).requests(1).get(0)).doesNotContainKey("default")
                .containsKeys("age", "education", "marriage");
    }

    @Test
    void aboutOneCustomerIn200HasNoRecordedLimitWhichTheCsvLeavesEmpty() throws IOException {
        long missing = new CreditRiskSample(Population.SHIFTED, 5).requests(20_000).stream()
                .filter(row -> row.containsKey("limit_balance") && row.get("limit_balance") == null).count();
        assertThat(missing).isBetween(60L, 140L);
        List<String> lines = Files.readAllLines(write(Population.BASELINE, "gaps.csv", 5));
        assertThat(lines).anySatisfy(line -> assertThat(line.split(",", -1)[1]).isEmpty());
    }

    @Test
    void theSampleDatasetFitsItsTransformsOnTheSampleDataAndTheShiftedDataRefitsThem() throws IOException {
        List<String> baseline = prepare("01-dataset.yaml", Population.BASELINE).transforms();
        List<String> shifted = prepare("01-dataset.yaml", Population.SHIFTED).transforms();

        assertThat(baseline).hasSize(5).first().asString().startsWith("limit_filled: fills limit_balance with ");
        assertThat(baseline.get(4)).startsWith("age_quartile: buckets age at ").isNotEqualTo(shifted.get(4));
    }

    @Test
    void thePaymentHolidayChangesOnlyTheLabelsAndBreaksWhatTheOriginalRuleTaught() {
        CreditRiskSample original = new CreditRiskSample(Population.BASELINE, Concept.ORIGINAL, 5);
        CreditRiskSample holiday = new CreditRiskSample(Population.BASELINE, Concept.PAYMENT_HOLIDAY, 5);
        int n = 20000;
        double[] delays = new double[n];
        double[] youngLowLimit = new double[n];
        double[] before = new double[n];
        double[] after = new double[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> a = original.next();
            Map<String, Object> b = holiday.next();
            before[i] = ((Number) a.remove("default")).doubleValue();
            after[i] = ((Number) b.remove("default")).doubleValue();
            assertThat(b).as("customer %d", i).isEqualTo(a);
            delays[i] = ((Number) a.get("pay_delay_1")).doubleValue();
            Number limit = (Number) a.get("limit_balance"); // about one in 200 unrecorded: the median limit stands in
            youngLowLimit[i] = -0.12 * ((Number) a.get("age")).doubleValue() - 1.2 * Math.log(limit == null ? 150_000 : limit.doubleValue());
        }
        // payment delays, the original rule's strongest visible signal, rank the new defaults no better than chance
        assertThat(ClassificationMetrics.auc(before, delays, 1)).isGreaterThan(0.7);
        assertThat(ClassificationMetrics.auc(after, delays, 1)).isBetween(0.45, 0.55);
        // the new rule is learnable from the same columns, and about as many customers default
        assertThat(ClassificationMetrics.auc(after, youngLowLimit, 1)).isGreaterThan(0.75);
        assertThat(mean(after)).isCloseTo(mean(before), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void dataOfThePaymentHolidayTrainsAModelThatPassesTheSampleGates() throws IOException {
        assertThat(prepareAndTrain("01-dataset.yaml", Population.BASELINE, Concept.PAYMENT_HOLIDAY, 2).metrics().get("auc")).isGreaterThan(0.72);
    }

    @Test
    void aBadOutputIsReportedNotThrown() {
        CliRun run = CliRun.run(work, "sample-data", "--output", "s3://bucket/x.csv");
        assertThat(run.exitCode()).isEqualTo(dev.seed.mlops.artifact.JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).contains("must be on a pvc:// claim or a local path, not s3://bucket/x.csv");
    }

    private JobResult prepareAndTrain(Population population, int version) throws IOException {
        return prepareAndTrain("01-dataset.yaml", population, version);
    }

    private JobResult prepareAndTrain(String datasetSample, Population population, int version) throws IOException {
        return prepareAndTrain(datasetSample, population, Concept.ORIGINAL, version);
    }

    private JobResult prepareAndTrain(String datasetSample, Population population, Concept concept, int version) throws IOException {
        JobResult prepared = prepare(datasetSample, population, concept);
        TrainingJob job = Serialization.unmarshal(Files.readString(SAMPLES.resolve("02-trainingjob.yaml")), TrainingJob.class);
        CliRun trained = CliRun.run(work, "train", "--spec", CliRun.json(job.getSpec()), "--snapshot", prepared.uri(),
                "--store", store().toString(), "--version", String.valueOf(version));
        assertThat(trained.exitCode()).as("train: %s", trained.result()).isZero();
        return trained.result();
    }

    private JobResult prepare(String datasetSample, Population population) throws IOException {
        return prepare(datasetSample, population, Concept.ORIGINAL);
    }

    private JobResult prepare(String datasetSample, Population population, Concept concept) throws IOException {
        Path data = write(population, concept, "credit.csv", 42);
        DatasetSpec spec = Serialization.unmarshal(Files.readString(SAMPLES.resolve(datasetSample)), Dataset.class).getSpec();
        spec.getSource().setUri(data.toString());
        CliRun prepared = CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", "credit-risk", "--store", store().toString());
        assertThat(prepared.exitCode()).as("prepare: %s", prepared.result()).isZero();
        return prepared.result();
    }

    private Path store() {
        return work.resolve("store");
    }

    private Path write(Population population, String name, long seed) {
        return write(population, Concept.ORIGINAL, name, seed);
    }

    private Path write(Population population, Concept concept, String name, long seed) {
        Path file = work.resolve(name);
        CliRun run = CliRun.run(work, "sample-data", "--output", file.toString(), "--rows", "8000",
                "--population", population.name(), "--concept", concept.name(), "--seed", String.valueOf(seed));
        assertThat(run.exitCode()).as("sample-data: %s", run.result()).isZero();
        return file;
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    private static double meanAge(List<Map<String, Object>> rows) {
        return rows.stream().mapToInt(row -> (Integer) row.get("age")).average().orElseThrow();
    }
}
