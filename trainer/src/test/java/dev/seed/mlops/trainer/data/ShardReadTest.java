package dev.seed.mlops.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.LabelColumn;
import dev.seed.mlops.api.v1alpha1.TaskType;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shard of a CSV file is its records i mod n = k, counted as records, not lines; the other records are never checked. */
class ShardReadTest {
    private static final String CSV = """
            label,city,size
            0,"Paris, France",1
            1,"two
            lines",2
            0,Lyon,oops
            1,Paris,4
            0,,5
            """;

    @Test
    void aShardHoldsTheRecordsWhoseIndexModTheCountIsItsOwnEvenWhenAFieldSpansLines() throws Exception {
        assertThat(cities(new Shard(0, 3), true)).containsExactly("Paris, France", "Paris");
        assertThat(cities(new Shard(1, 3), true)).containsExactly("two\nlines", "");
        assertThat(cities(new Shard(1, 2), true)).containsExactly("two\nlines", "Paris");
        assertThat(cities(Shard.ALL, false)).containsExactly("Paris, France", "two\nlines", "Lyon", "Paris", "");
    }

    @Test
    void aBrokenCellInAnotherShardsRowIsThatShardsToReport() throws Exception {
        assertThat(read(new Shard(1, 2)).violations.isEmpty()).isTrue();
        assertThat(read(new Shard(0, 2)).violations.first()).singleElement()
                .satisfies(violation -> {
                    assertThat(violation.detail()).contains("'oops'");
                    assertThat(violation.row()).as("row number in the whole file").isEqualTo(3);
                    assertThat(violation.line()).isEqualTo(5);
                });
    }

    @Test
    void thereIsNoShardOutsideZeroToCountMinusOne() {
        assertThatThrownBy(() -> new Shard(2, 2)).hasMessageContaining("numbered 0..1");
    }

    private static List<String> cities(Shard shard, boolean clean) throws Exception {
        Read read = read(shard);
        if (clean) {
            assertThat(read.violations.isEmpty()).isTrue();
        }
        CategoricalColumn city = (CategoricalColumn) read.table.features().get(0);
        List<String> values = new ArrayList<>();
        for (int row = 0; row < city.size(); row++) {
            values.add(city.format(row));
        }
        return values;
    }

    private record Read(Table table, Violations violations) {
    }

    private static Read read(Shard shard) throws Exception {
        Violations violations = new Violations();
        Table table = new TableReader(schema(), "test.csv", violations).read(new StringReader(CSV), shard);
        return new Read(table, violations);
    }

    private static DataSchema schema() {
        DataSchema schema = new DataSchema();
        LabelColumn label = new LabelColumn();
        label.setName("label");
        label.setType(TaskType.binary);
        schema.setLabel(label);
        FeatureColumn city = new FeatureColumn();
        city.setName("city");
        city.setType(FeatureType.categorical);
        FeatureColumn size = new FeatureColumn();
        size.setName("size");
        size.setType(FeatureType.numeric);
        schema.setFeatures(List.of(city, size));
        return schema;
    }
}
