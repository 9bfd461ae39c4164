package dev.seed.mlops.trainer.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.FeatureTransform;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.ArtifactFiles;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import dev.seed.mlops.features.FeaturePipeline;
import dev.seed.mlops.features.FittedTransforms;
import dev.seed.mlops.features.TypedColumn;
import dev.seed.mlops.trainer.CliRun;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.TestDatasets;
import dev.seed.mlops.trainer.data.Table;
import dev.seed.mlops.trainer.prepare.Profiler;
import dev.seed.mlops.trainer.prepare.Snapshot;
import dev.seed.mlops.trainer.prepare.Split;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepare fits a Dataset's transforms on the training split only; train learns on what they make of the raw columns. */
class TransformedTrainingTest {
    static final int ROWS = 4000;
    static final String TRANSFORMS = """
            [{"name": "income_filled", "kind": "impute", "column": "income", "strategy": "median", "indicator": true},
             {"name": "debt_ratio", "kind": "arithmetic", "columns": ["debt", "income_filled"], "op": "ratio"},
             {"name": "amount_log", "kind": "log1p", "column": "amount"},
             {"name": "amount_clipped", "kind": "clip", "column": "amount", "upperQuantile": 0.95, "intermediate": true},
             {"name": "amount_std", "kind": "standardize", "column": "amount_clipped"},
             {"name": "age_bucket", "kind": "bucketize", "column": "age", "buckets": 4},
             {"name": "signup_hour", "kind": "datePart", "column": "signup", "part": "hour"},
             {"name": "city_folded", "kind": "foldRare", "column": "city", "minFrequency": 0.05}]""";

    @TempDir
    Path work;

    @Test
    void trainsOnTheTransformedFeaturesAndWritesTheFittedTransformsIntoTheManifest() throws IOException {
        DatasetSpec spec = spec(write(work.resolve("credit.csv"), row -> false));
        CliRun prepared = prepare(spec, "store");
        assertThat(prepared.exitCode()).as("%s", prepared.result()).isZero();
        assertThat(prepared.result().transforms()).hasSize(8).first().asString()
                .startsWith("income_filled: fills income with ").endsWith(", flags it in income_filled_missing");
        assertThat(Path.of(prepared.result().uri()).resolve(ArtifactFiles.TRANSFORMS)).isRegularFile();

        CliRun trained = CliRun.run(work, "train", "--spec", "{\"model\":\"credit\",\"hyperparameters\":{\"max_depth\":\"3\",\"nthread\":\"1\"}}",
                "--snapshot", prepared.result().uri(), "--store", work.resolve("store").toString(), "--version", "1");
        assertThat(trained.exitCode()).as("%s", trained.result()).isZero();
        assertThat(trained.result().metrics().get("auc")).as("the label depends on debt / income").isGreaterThan(0.8);

        ModelManifest manifest = Json.read(Path.of(trained.result().uri()).resolve(ArtifactFiles.MANIFEST), ModelManifest.class);
        assertThat(manifest.formatVersion()).isEqualTo(2);
        assertThat(manifest.features()).extracting(ManifestFeature::name).containsExactly("income", "debt", "amount", "age",
                "signup", "city", "income_filled", "income_filled_missing", "debt_ratio", "amount_log", "amount_std",
                "age_bucket", "signup_hour", "city_folded");
        assertThat(manifest.requestFeatures()).extracting(ManifestFeature::name)
                .containsExactly("income", "debt", "amount", "age", "signup", "city");
        assertThat(manifest.transforms()).isEqualTo(Json.read(Path.of(prepared.result().uri()).resolve(ArtifactFiles.TRANSFORMS),
                FittedTransforms.class));

        Path raw = work.resolve("raw.csv");
        Files.writeString(raw, "income,debt,amount,age,signup,city\n,100,5,30,1700000000,nowhere\n50000,40000,1e9,80,0,c0\n");
        CliRun predicted = CliRun.run(work, "predict", "--artifact", trained.result().uri(), "--input", raw.toString(),
                "--output", work.resolve("predictions.csv").toString());
        assertThat(predicted.exitCode()).as("%s", predicted.result()).isZero();
        assertThat(Files.readAllLines(work.resolve("predictions.csv"))).hasSize(3);
    }

    @Test
    void theSnapshotAndTheModelProfileTheEngineeredFeaturesAsThePipelineComputesThemOnTheTrainingSplit() throws IOException {
        CliRun prepared = prepare(spec(write(work.resolve("credit.csv"), row -> false)), "store");
        assertThat(prepared.exitCode()).as("%s", prepared.result()).isZero();
        Snapshot snapshot = Snapshot.open(StoreLocation.parse(prepared.result().uri(), work));
        DataProfile profile = snapshot.profile();
        assertThat(profile.features()).as("the raw columns requests carry").extracting(FeatureProfile::name)
                .containsExactly("income", "debt", "amount", "age", "signup", "city");
        assertThat(profile.engineered()).extracting(FeatureProfile::name).containsExactly("income_filled",
                "income_filled_missing", "debt_ratio", "amount_log", "amount_std", "age_bucket", "signup_hour", "city_folded");

        Table train = snapshot.split(ArtifactFiles.TRAIN_SPLIT);
        FeaturePipeline pipeline = snapshot.transforms().orElseThrow().compile();
        float[] matrix = new RawColumns(pipeline.inputs(), train).transform(pipeline, train.rows());
        int width = pipeline.features().size();
        int debtRatio = pipeline.features().stream().map(TypedColumn::name).toList().indexOf("debt_ratio");
        double[] debtRatios = IntStream.range(0, train.rows()).mapToDouble(row -> matrix[row * width + debtRatio]).toArray();
        assertThat(engineered(profile, "debt_ratio")).isEqualTo(Profiler.numeric("debt_ratio", debtRatios));
        assertThat(engineered(profile, "income_filled").missingRate()).as("imputed").isZero();
        assertThat(engineered(profile, "amount_std").mean()).as("standardised on these rows").isCloseTo(0, within(1e-6));
        FeatureProfile city = engineered(profile, "city_folded");
        assertThat(city.type()).isEqualTo("categorical");
        assertThat(city.categories()).containsExactlyInAnyOrderElementsOf(
                pipeline.features().get(pipeline.features().size() - 1).categories());

        CliRun trained = CliRun.run(work, "train", "--spec", "{\"model\":\"credit\",\"hyperparameters\":{\"max_depth\":\"2\",\"nthread\":\"1\"}}",
                "--snapshot", prepared.result().uri(), "--store", work.resolve("store").toString(), "--version", "1");
        assertThat(trained.exitCode()).as("%s", trained.result()).isZero();
        DataProfile model = Json.read(Path.of(trained.result().uri()).resolve(ArtifactFiles.PROFILE), DataProfile.class);
        assertThat(model.engineered()).isEqualTo(profile.engineered());
    }

    private static FeatureProfile engineered(DataProfile profile, String name) {
        return profile.engineered().stream().filter(feature -> feature.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fittedParametersDoNotDependOnTheValidationAndTestRows() throws IOException {
        DatasetSpec spec = spec(work.resolve("unused.csv").toString());
        Split split = Split.of(ROWS, spec.getSplit());
        Set<Integer> heldOut = new HashSet<>();
        IntStream.of(split.validation()).forEach(heldOut::add);
        IntStream.of(split.test()).forEach(heldOut::add);

        CliRun plain = prepare(spec(write(work.resolve("plain.csv"), row -> false)), "plain");
        CliRun extreme = prepare(spec(write(work.resolve("extreme.csv"), heldOut::contains)), "extreme");
        assertThat(plain.exitCode()).as("%s", plain.result()).isZero();
        assertThat(extreme.exitCode()).as("%s", extreme.result()).isZero();
        assertThat(extreme.result().digest()).as("the held-out rows differ").isNotEqualTo(plain.result().digest());

        FittedTransforms fromPlain = Json.read(Path.of(plain.result().uri()).resolve(ArtifactFiles.TRANSFORMS), FittedTransforms.class);
        FittedTransforms fromExtreme = Json.read(Path.of(extreme.result().uri()).resolve(ArtifactFiles.TRANSFORMS), FittedTransforms.class);
        assertThat(fromExtreme.transforms()).isEqualTo(fromPlain.transforms());
    }

    @Test
    void aTransformThatDoesNotFitItsColumnIsBadInput() throws IOException {
        DatasetSpec spec = spec(write(work.resolve("credit.csv"), row -> false));
        spec.setTransforms(transforms("[{\"name\": \"city_log\", \"kind\": \"log1p\", \"column\": \"city\"}]"));
        CliRun prepared = prepare(spec, "store");
        assertThat(prepared.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(prepared.result().message()).isEqualTo("spec.transforms: transform 'city_log': column 'city' is"
                + " categorical but this transform takes a numeric column: rule transforms");
    }

    private CliRun prepare(DatasetSpec spec, String store) {
        return CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", "credit", "--store",
                work.resolve(store).toString());
    }

    static DatasetSpec spec(String csv) {
        DatasetSpec spec = TestDatasets.spec(csv, "default", TaskType.binary);
        spec.getSchema().setFeatures(List.of(TestDatasets.feature("income", FeatureType.numeric),
                TestDatasets.feature("debt", FeatureType.numeric), TestDatasets.feature("amount", FeatureType.numeric),
                TestDatasets.feature("age", FeatureType.numeric), TestDatasets.feature("signup", FeatureType.numeric),
                TestDatasets.feature("city", FeatureType.categorical)));
        spec.getValidation().setMaxMissingFraction(0.2);
        spec.setTransforms(transforms(TRANSFORMS));
        return spec;
    }

    static List<FeatureTransform> transforms(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Customers whose default follows their debt-to-income ratio; income missing for 5 %, amounts heavy-tailed, some
     * rare cities. Rows for which {@code extreme} holds get values far outside the others (the held-out rows of the
     * leakage test), in the same row positions so the split is the same.
     */
    static String write(Path csv, java.util.function.IntPredicate extreme) throws IOException {
        StringBuilder text = new StringBuilder("default,income,debt,amount,age,signup,city\n");
        Random random = new Random(3);
        for (int row = 0; row < ROWS; row++) {
            double income = 20_000 + random.nextInt(80_000);
            double debt = random.nextDouble() * income;
            double amount = Math.exp(random.nextGaussian() * 2 + 5);
            int age = 18 + random.nextInt(60);
            long signup = 1_600_000_000L + random.nextInt(100_000_000);
            String city = random.nextDouble() < 0.1 ? "rare" + random.nextInt(40) : "c" + random.nextInt(4);
            int label = debt / income + random.nextGaussian() * 0.1 > 0.6 ? 1 : 0;
            boolean incomeMissing = random.nextDouble() < 0.05;
            if (extreme.test(row)) {
                income = 1e12;
                amount = 1e15;
                age = 99;
                city = "held_out_city";
            }
            text.append(label).append(',').append(incomeMissing ? "" : income).append(',').append(debt).append(',')
                    .append(amount).append(',').append(age).append(',').append(signup).append(',').append(city).append('\n');
        }
        Files.writeString(csv, text);
        return csv.toString();
    }
}
