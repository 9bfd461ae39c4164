package dev.seed.mlops.trainer.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.trainer.Json;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProfilerTest {

    @Test
    void numericBinsAreDecilesHoldingATenthEach() {
        double[] values = IntStream.range(0, 1000).asDoubleStream().toArray();
        FeatureProfile profile = Profiler.numeric("x", values);
        assertThat(profile.binEdges()).containsExactly(99.0, 199.0, 299.0, 399.0, 499.0, 599.0, 699.0, 799.0, 899.0);
        // bin 0 is (-inf, 99): 0..98, bin i is [e_i, e_i+1), the last [899, inf): 899..999
        assertThat(profile.frequencies().get(0)).isCloseTo(0.099, offset(1e-12));
        assertThat(profile.frequencies().get(1)).isCloseTo(0.1, offset(1e-12));
        assertThat(profile.frequencies().get(9)).isCloseTo(0.101, offset(1e-12));
        assertThat(profile.mean()).isCloseTo(499.5, offset(1e-9));
        assertThat(profile.stddev()).isCloseTo(Math.sqrt((1000.0 * 1000 - 1) / 12), offset(1e-9));
        assertThat(profile.missingRate()).isZero();
    }

    @Test
    void tiedEdgesMergeAndMissingValuesAreCountedApart() {
        double[] values = {0, 0, 0, 0, 0, 0, 0, 1, 1, Double.NaN};
        FeatureProfile profile = Profiler.numeric("x", values);
        assertThat(profile.binEdges()).containsExactly(0.0, 1.0);
        assertThat(profile.frequencies()).containsExactly(0.0, 7.0 / 9, 2.0 / 9);
        assertThat(profile.missingRate()).isCloseTo(0.1, offset(1e-12));
    }

    @Test
    void allMissing() {
        FeatureProfile profile = Profiler.numeric("x", new double[] {Double.NaN, Double.NaN});
        assertThat(profile.missingRate()).isEqualTo(1.0);
        assertThat(profile.binEdges()).isEmpty();
        assertThat(profile.frequencies()).containsExactly(0.0);
    }

    @Test
    void categoriesByFrequencyThenName() {
        CategoricalColumn column = new CategoricalColumn("city");
        for (String value : new String[] {"Lyon", "Paris", "Nice", "Paris", "", "Lyon", "Paris"}) {
            column.add(value);
        }
        FeatureProfile profile = Profiler.profile(column);
        assertThat(profile.categories()).containsExactly("Paris", "Lyon", "Nice");
        assertThat(profile.frequencies()).containsExactly(0.5, 2.0 / 6, 1.0 / 6, 0.0);
        assertThat(profile.missingRate()).isCloseTo(1.0 / 7, offset(1e-12));
    }

    @Test
    void categoryCodesCountLikeTheColumnTheyCodeWithOutsideCodesUnknown() {
        double[] codes = {1, 2, 0, 1, Double.NaN, 2, 1, -1};
        FeatureProfile profile = Profiler.categorical("city", List.of("Nice", "Paris", "Lyon"), codes);
        assertThat(profile.categories()).containsExactly("Paris", "Lyon", "Nice");
        assertThat(profile.frequencies()).containsExactly(3.0 / 7, 2.0 / 7, 1.0 / 7, 1.0 / 7);
        assertThat(profile.missingRate()).isCloseTo(1.0 / 8, offset(1e-12));
    }

    @Test
    void aProfileWithoutEngineeredFeaturesReadsAndWritesAsBefore() throws Exception {
        String old = "{\"formatVersion\":1,\"datasetDigest\":\"sha256:0\",\"rows\":2,\"features\":[]}";
        DataProfile profile = Json.mapper().readValue(old, DataProfile.class);
        assertThat(profile.engineered()).isEmpty();
        assertThat(Json.mapper().writeValueAsString(profile)).as("no engineered key: the same bytes as before").doesNotContain("engineered");
    }
}
