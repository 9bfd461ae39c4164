package dev.seed.mlops.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.DataFormat;
import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.TestDatasets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only JSON Lines or Parquet can get wrong, each refused with its source, row, line and rule. */
class FormatRulesTest {
    @TempDir
    Path work;

    @Test
    void jsonLinesSkipBlankLinesAndReadAnAbsentKeyAsMissing() throws IOException {
        Table table = read(DataFormat.jsonl, """
                {"label": 0, "age": 31, "city": "Paris"}

                {"label": 1, "city": "Lyon", "ignored": {"nested": true}}
                {"label": 0, "age": "22", "city": null}
                """);
        assertThat(table.rows()).isEqualTo(3);
        NumericColumn age = (NumericColumn) table.features().get(0);
        assertThat(age.isMissing(1)).as("an absent key").isTrue();
        assertThat(age.get(2)).as("a number as a JSON string reads as CSV text does").isEqualTo(22.0);
        assertThat(table.features().get(1).isMissing(2)).as("null").isTrue();
    }

    @Test
    void aJsonLineThatIsNotValidJsonIsRefusedWithItsLine() {
        assertRefused(DataFormat.jsonl, """
                {"label": 0, "age": 31, "city": "Paris"}

                {"label": 1, "age": 45, "city": "Lyon"
                """, "row 2 (line 3)", "rule jsonl", "not valid JSON");
    }

    @Test
    void aJsonLineThatIsNotAnObjectIsRefused() {
        assertRefused(DataFormat.jsonl, """
                {"label": 0, "age": 31, "city": "Paris"}
                [1, 45, "Lyon"]
                """, "row 2 (line 2)", "rule jsonl", "not a JSON object");
    }

    @Test
    void aNestedValueInASchemaColumnIsRefused() {
        assertRefused(DataFormat.jsonl, """
                {"label": 0, "age": 31, "city": "Paris"}
                {"label": 1, "age": 45, "city": {"name": "Lyon"}}
                """, "row 2 (line 2)", "column 'city'", "rule jsonl", "a nested object is not a cell value");
    }

    @Test
    void theFirstJsonObjectNamesTheColumns() {
        assertRefused(DataFormat.jsonl, """
                {"label": 0, "age": 31}
                {"label": 1, "age": 45, "city": "Lyon"}
                """, "line 1", "column 'city'", "rule missing-column", "the first JSON object has no column 'city'");
    }

    @Test
    void aFileThatIsNotParquetIsRefused() {
        assertRefused(DataFormat.parquet, "label,age,city\n0,31,Paris\n", "rule parquet", "not a readable Parquet file");
    }

    @Test
    void parquetNumbersInACategoricalColumnReadAsCsvText() throws IOException {
        Path file = SourceFiles.PARQUET.write("label,age,city\n0,31,3\n1,45.25,4\n", work, "numbers");
        Table table;
        try (InputStream in = Files.newInputStream(file)) {
            table = read(DataFormat.parquet, in);
        }
        assertThat(((NumericColumn) table.features().get(0)).get(1)).isEqualTo(45.25);
        assertThat(((CategoricalColumn) table.features().get(1)).value(0)).as("a category stored as a double").isEqualTo("3");
    }

    @Test
    void parquetDecodesOnlyTheColumnsKept() throws IOException {
        Path file = SourceFiles.PARQUET.write("label,age,city\n0,31,Paris\n", work, "projection");
        try (Records records = ParquetRecords.open(file, "test", new Violations())) {
            assertThat(records.columns()).containsExactly("label", "age", "city");
            records.keep(new int[] {2, 0});
            assertThat(records.next()).isTrue();
            assertThat(records.text(0)).isEqualTo("0");
            assertThat(records.text(2)).isEqualTo("Paris");
            assertThat(records.text(1)).as("a column not kept is not decoded").isEmpty();
        }
    }

    private void assertRefused(DataFormat format, String content, String... expected) {
        assertThatThrownBy(() -> read(format, content)).isInstanceOf(DataValidationException.class)
                .hasMessageStartingWith("source test: ").hasMessageContainingAll(expected);
    }

    private static Table read(DataFormat format, String content) throws IOException {
        return read(format, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Table read(DataFormat format, InputStream content) throws IOException {
        Violations violations = new Violations();
        try (Records records = SourceFormats.open(format, content, "test", violations)) {
            Table table = new TableReader(schema(), "test", violations).read(records, Shard.ALL);
            violations.throwIfAny();
            return table;
        }
    }

    private static DataSchema schema() {
        DataSchema schema = TestDatasets.spec("test", "label", TaskType.binary).getSchema();
        schema.setFeatures(List.of(TestDatasets.feature("age", FeatureType.numeric), TestDatasets.feature("city", FeatureType.categorical)));
        return schema;
    }
}
