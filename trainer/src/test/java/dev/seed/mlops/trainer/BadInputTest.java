package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DataValidation;
import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.FeatureRule;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.cli.TrainerMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input makes prepare exit 1 with a message naming the source, row, column and rule, and
 * leaves nothing in the store that could pass for a snapshot.
 */
class BadInputTest {
    private static final String GOOD = """
            label,age,city
            0,31,Paris
            1,45,Lyon
            0,22,Paris
            1,38,Nice
            """;

    @TempDir
    Path work;

    @Test
    void missingColumn() throws IOException {
        assertRejected(GOOD.replace("city", "town"), spec -> { },
                "row", "column 'city'", "rule missing-column", "line 1");
    }

    @Test
    void nonNumericValueInANumericFeature() throws IOException {
        assertRejected(GOOD.replace("1,45,Lyon", "1,forty-five,Lyon"), spec -> { },
                "row 2 (line 3)", "column 'age'", "rule numeric", "'forty-five' is not a finite number");
    }

    /** The policy the inference server applies too (docs/protocol.md, Non-finite inputs): NaN is missing, infinity is refused. */
    @Test
    void infiniteValuesInANumericFeatureAreRefused() throws IOException {
        assertRejected(GOOD.replace("1,45,Lyon", "1,Infinity,Lyon"), spec -> { },
                "row 2 (line 3)", "column 'age'", "rule numeric", "'Infinity' is not a finite number");
        assertRejected(GOOD.replace("1,45,Lyon", "1,1e400,Lyon"), spec -> { },
                "row 2 (line 3)", "column 'age'", "rule numeric", "'1e400' is not a finite number");
    }

    /** XGBoost computes in 32-bit floats: 1e39 would reach it as infinity. */
    @Test
    void valuesBeyondTheFloatRangeAreRefused() throws IOException {
        assertRejected(GOOD.replace("1,45,Lyon", "1,-1e39,Lyon"), spec -> { },
                "row 2 (line 3)", "column 'age'", "rule numeric", "'-1e39' is beyond the 32-bit float range");
    }

    @Test
    void moreMissingValuesThanAllowed() throws IOException {
        assertRejected(GOOD.replace("1,45,Lyon", "1,,Lyon"), spec -> spec.getValidation().setMaxMissingFraction(0.2),
                "all rows", "column 'age'", "rule max-missing-fraction", "1 of 4 values are missing", "first at row 2");
    }

    @Test
    void missingValuesWithinThePerFeatureAllowanceAreAccepted() throws IOException {
        DatasetSpec spec = spec(write(GOOD.replace("1,45,Lyon", "1,,Lyon")));
        spec.getValidation().setFeatures(List.of(rule("age", r -> r.setMaxMissingFraction(0.25))));
        CliRun run = prepare(spec);
        assertThat(run.exitCode()).as("%s", run.result()).isZero();
    }

    @Test
    void fewerRowsThanMinRows() throws IOException {
        assertRejected(GOOD, spec -> spec.getValidation().setMinRows(10L), "rule min-rows", "4 data rows", "minRows is 10");
    }

    @Test
    void emptyFile() throws IOException {
        assertRejected("", spec -> { }, "rule empty", "no header row");
    }

    @Test
    void headerWithoutRows() throws IOException {
        assertRejected("label,age,city\n", spec -> { }, "rule min-rows", "0 data rows");
    }

    @Test
    void labelWithASingleClass() throws IOException {
        assertRejected(GOOD.replace("\n1,", "\n0,"), spec -> { }, "column 'label'", "rule label-classes", "only [0]");
    }

    @Test
    void binaryLabelOutsideZeroAndOne() throws IOException {
        assertRejected(GOOD.replace("1,38,Nice", "2,38,Nice"), spec -> { },
                "row 4 (line 5)", "column 'label'", "rule label", "binary label is 0 or 1");
    }

    @Test
    void multiclassLabelsThatDoNotCountFromZeroAreRefusedNamingTheValuesFound() throws IOException {
        String oneToThree = """
                label,age,city
                1,31,Paris
                2,45,Lyon
                3,22,Paris
                1,38,Nice
                """;
        assertRejected(oneToThree, spec -> spec.getSchema().getLabel().setType(TaskType.multiclass),
                "column 'label'", "rule label-classes", "the data has [1, 2, 3]", "class 0 has no rows");
    }

    @Test
    void valueOutsideItsRange() throws IOException {
        assertRejected(GOOD, spec -> spec.getValidation().setFeatures(List.of(rule("age", r -> r.setMax(40.0)))),
                "row 2", "column 'age'", "rule range", "45 is outside [null, 40.0]");
    }

    @Test
    void categoryNotAllowed() throws IOException {
        assertRejected(GOOD, spec -> spec.getValidation().setFeatures(
                        List.of(rule("city", r -> r.setAllowedValues(List.of("Paris", "Lyon"))))),
                "row 4", "column 'city'", "rule allowed-values", "'Nice' is not one of [Paris, Lyon]");
    }

    @Test
    void rowWithTooFewFields() throws IOException {
        assertRejected(GOOD.replace("0,22,Paris", "0,22"), spec -> { },
                "row 3 (line 4)", "rule field-count", "2 fields, the header 3");
    }

    @Test
    void unclosedQuote() throws IOException {
        assertRejected(GOOD.replace("Nice", "\"Nice"), spec -> { }, "line 5", "rule csv", "never closed");
    }

    @Test
    void bytesThatAreNotUtf8() throws IOException {
        Path file = work.resolve("latin1.csv");
        Files.write(file, GOOD.replace("Nice", "Nîmes").getBytes(StandardCharsets.ISO_8859_1));
        assertRejected(spec(file), "rule utf-8");
    }

    @Test
    void unreadableSource() {
        assertRejected(spec(work.resolve("no-such-file.csv")), "rule readable", "no such file");
    }

    @Test
    void unsupportedScheme() {
        DatasetSpec spec = TestDatasets.spec("gs://bucket/data.csv", "label", TaskType.binary);
        spec.getSchema().setFeatures(List.of(TestDatasets.feature("age", FeatureType.numeric)));
        assertRejected(spec, "source gs://bucket/data.csv", "rule readable", "not supported yet");
    }

    @Test
    void manyViolationsAreCountedPerRule() throws IOException {
        String bad = GOOD.replace("31", "x").replace("45", "y").replace("1,38", "7,38");
        assertRejected(bad, spec -> { }, "row 1 (line 2)", "rule numeric", "(3 violations in all: label 1, numeric 2)");
    }

    @Test
    void aSpecThatIsNotJsonIsRefused() {
        CliRun run = CliRun.run(work, "prepare", "--spec", "{not json", "--name", "d", "--store", store().toString());
        assertThat(run.exitCode()).as("the exit code of bad input, which Jobs do not retry").isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).contains("cannot read the DatasetSpec");
    }

    @Test
    void aYamlSpecIsAccepted() throws IOException {
        Path yaml = work.resolve("dataset.yaml");
        Files.writeString(yaml, """
                # the sample's shape: a whole Dataset object, or its spec alone
                apiVersion: mlops.seed.dev/v1alpha1
                kind: Dataset
                metadata:
                  name: people
                spec:
                  source:
                    uri: %s
                  schema:
                    label: {name: label, type: binary}
                    features:
                      - {name: age, type: numeric}
                      - {name: city, type: categorical}
                  split: {testFraction: 0.25, validationFraction: 0.0, seed: 3}
                """.formatted(write(GOOD)));
        CliRun run = CliRun.run(work, "prepare", "--spec", yaml.toString(), "--name", "people", "--store", store().toString());
        assertThat(run.exitCode()).as("%s", run.result()).isZero();
        assertThat(run.result().rows()).isEqualTo(4);
    }

    @Test
    void everyCommandsHelpExitsWithZero() {
        for (String command : List.of("prepare", "train", "predict", "sample-data")) {
            assertThat(TrainerMain.run(command, "--help")).as(command + " --help").isZero();
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CliRun.run(work, "prepare", "--name", "d").exitCode()).isEqualTo(2);
        assertThat(CliRun.run(work).exitCode()).isEqualTo(2);
    }

    private void assertRejected(String csv, Consumer<DatasetSpec> adjust, String... expected) throws IOException {
        DatasetSpec spec = spec(write(csv));
        adjust.accept(spec);
        assertRejected(spec, expected);
    }

    private void assertRejected(DatasetSpec spec, String... expected) {
        CliRun run = prepare(spec);
        assertThat(run.exitCode()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().success()).isFalse();
        assertThat(run.result().message()).startsWith("source " + spec.getSource().getUri()).contains(expected);
        assertThat(storeEntries()).as("nothing may be left in the store").isEmpty();
    }

    private CliRun prepare(DatasetSpec spec) {
        return CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", "people", "--store", store().toString());
    }

    /** A two-feature binary spec over {@code file}, no validation rules beyond the schema; shared by the format tests. */
    static DatasetSpec spec(Path file) {
        DatasetSpec spec = TestDatasets.spec(file.toString(), "label", TaskType.binary);
        spec.getSchema().setFeatures(List.of(TestDatasets.feature("age", FeatureType.numeric),
                TestDatasets.feature("city", FeatureType.categorical)));
        spec.getSplit().setTestFraction(0.25);
        spec.getSplit().setValidationFraction(0.0);
        spec.setValidation(new DataValidation());
        return spec;
    }

    private Path write(String csv) throws IOException {
        Path file = work.resolve("data-" + System.nanoTime() + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    private Path store() {
        return work.resolve("store");
    }

    private List<Path> storeEntries() {
        if (!Files.exists(store())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(store())) {
            return entries.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FeatureRule rule(String name, Consumer<FeatureRule> settings) {
        FeatureRule rule = new FeatureRule();
        rule.setName(name);
        settings.accept(rule);
        return rule;
    }
}
