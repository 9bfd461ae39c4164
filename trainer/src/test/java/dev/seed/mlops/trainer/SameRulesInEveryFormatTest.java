package dev.seed.mlops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DatasetSpec;
import dev.seed.mlops.api.v1alpha1.FeatureRule;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.trainer.data.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same table, prepared from CSV, gzip CSV, JSON Lines (plain and gzip) and Parquet, gives the same snapshot
 * figures, and the same broken rule gives the same message: source, row (and line where the format has lines),
 * column and rule.
 */
class SameRulesInEveryFormatTest {
    private static final String GOOD = """
            label,age,city,extra
            0,31,Paris,a
            1,45,Lyon,b
            0,22,Paris,c
            1,38.5,Nice,d
            """;

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void aGoodSourcePreparesToTheSameRowsAndProfile(SourceFiles format) throws IOException {
        CliRun run = prepare(spec(format, GOOD));
        assertThat(run.exitCode()).as("%s", run.result()).isZero();
        assertThat(run.result().rows()).isEqualTo(4);
        Path snapshot = Path.of(run.result().uri());
        String reference = Files.readString(snapshot.resolve("profile.json"));
        assertThat(reference).contains("\"Paris\"").contains("\"age\"");
        assertThat(Files.readString(snapshot.resolve("train.csv"))).contains("Nice").contains("38.5");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void missingColumn(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("city", "town"), spec -> { }, "column 'city'", "rule missing-column",
                "has no column 'city'", "town");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void nonNumericValueInANumericFeature(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("1,45,Lyon", "1,forty-five,Lyon"), spec -> { },
                format.rowAt(2), "column 'age'", "rule numeric", "'forty-five' is not a finite number");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void infiniteValue(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("1,45,Lyon", "1,1e400,Lyon"), spec -> { },
                format.rowAt(2), "column 'age'", "rule numeric", "is not a finite number");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void valueBeyondTheFloatRange(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("1,45,Lyon", "1,-1e39,Lyon"), spec -> { },
                format.rowAt(2), "column 'age'", "rule numeric", "is beyond the 32-bit float range");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void missingValues(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("1,45,Lyon", "1,,Lyon"), spec -> spec.getValidation().setMaxMissingFraction(0.2),
                "all rows", "column 'age'", "rule max-missing-fraction", "1 of 4 values are missing", "first at row 2");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void binaryLabelOutsideZeroAndOne(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("1,38.5,Nice", "2,38.5,Nice"), spec -> { },
                format.rowAt(4), "column 'label'", "rule label", "binary label is 0 or 1, got '2'");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void missingLabel(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("1,38.5,Nice", ",38.5,Nice"), spec -> { },
                format.rowAt(4), "column 'label'", "rule label", "the label is missing");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void categoryNotAllowed(SourceFiles format) throws IOException {
        assertRejected(format, GOOD, spec -> spec.getValidation().setFeatures(List.of(allowed("city", "Paris", "Lyon"))),
                "row 4", "column 'city'", "rule allowed-values", "'Nice' is not one of [Paris, Lyon]");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SourceFiles.class)
    void labelWithASingleClass(SourceFiles format) throws IOException {
        assertRejected(format, GOOD.replace("\n1,", "\n0,"), spec -> { }, "column 'label'", "rule label-classes", "only [0]");
    }

    private void assertRejected(SourceFiles format, String csv, Consumer<DatasetSpec> adjust, String... expected) throws IOException {
        DatasetSpec spec = spec(format, csv);
        adjust.accept(spec);
        CliRun run = prepare(spec);
        assertThat(run.exitCode()).as("%s", run.result()).isEqualTo(JobResult.INVALID_INPUT_EXIT_CODE);
        assertThat(run.result().message()).startsWith("source " + spec.getSource().getUri()).contains(expected);
        assertThat(storeFiles()).as("nothing may be left in the store").isEmpty();
    }

    private CliRun prepare(DatasetSpec spec) {
        return CliRun.run(work, "prepare", "--spec", CliRun.json(spec), "--name", "people", "--store", work.resolve("store").toString());
    }

    private DatasetSpec spec(SourceFiles format, String csv) throws IOException {
        Path file = format.write(csv, work, "data-" + System.nanoTime());
        DatasetSpec spec = BadInputTest.spec(file);
        spec.setFormat(format.format);
        return spec;
    }

    private List<Path> storeFiles() throws IOException {
        Path store = work.resolve("store");
        if (!Files.exists(store)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(store)) {
            return entries.filter(Files::isRegularFile).toList();
        }
    }

    private static FeatureRule allowed(String name, String... values) {
        FeatureRule rule = new FeatureRule();
        rule.setName(name);
        rule.setAllowedValues(List.of(values));
        return rule;
    }
}
