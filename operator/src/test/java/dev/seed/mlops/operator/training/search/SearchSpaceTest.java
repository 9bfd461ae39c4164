package dev.seed.mlops.operator.training.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.ParameterScale;
import dev.seed.mlops.api.v1alpha1.ParameterSpace;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchAlgorithm;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    @Test
    void randomDrawsAreTheSameForTheSameSeedAndDifferForAnother() {
        List<Map<String, String>> first = trials(random(7, 20), 20);
        assertThat(trials(random(7, 20), 20)).isEqualTo(first);
        assertThat(trials(random(8, 20), 20)).isNotEqualTo(first);
    }

    @Test
    void randomDrawsStayInTheirRangesAndTakeTheirTypes() {
        for (Map<String, String> trial : trials(random(3, 200), 200)) {
            int depth = Integer.parseInt(trial.get("max_depth"));
            double eta = Double.parseDouble(trial.get("eta"));
            assertThat(depth).isBetween(2, 8);
            assertThat(eta).isBetween(0.01, 0.3);
            assertThat(trial.get("grow_policy")).isIn("depthwise", "lossguide");
        }
    }

    @Test
    void aLogScaleSpreadsDrawsEvenlyAcrossOrdersOfMagnitude() {
        Search search = search(SearchAlgorithm.random, 0, 400, Map.of("eta", range(0.001, 1.0, ParameterScale.log, ParameterType.real)));
        long belowOneHundredth = trials(search, 400).stream().filter(t -> Double.parseDouble(t.get("eta")) < 0.01).count();
        // A third of the log range lies below 0.01; a linear draw would put 0.9 % there.
        assertThat(belowOneHundredth).isBetween(100L, 170L);
    }

    @Test
    void aGridCoversEveryCombinationExactlyOnce() {
        Search search = search(SearchAlgorithm.grid, 0, 50, Map.of(
                "max_depth", range(2, 4, ParameterScale.linear, ParameterType.integer),
                "grow_policy", values("depthwise", "lossguide")));
        SearchSpace space = new SearchSpace(search);

        assertThat(space.totalTrials()).isEqualTo(6);
        Set<Map<String, String>> seen = new HashSet<>(trials(search, 6));
        assertThat(seen).hasSize(6).contains(Map.of("grow_policy", "lossguide", "max_depth", "4"), Map.of("grow_policy", "depthwise", "max_depth", "2"));
    }

    @Test
    void maxTrialsCutsAGridShort() {
        Search search = search(SearchAlgorithm.grid, 0, 4, Map.of("max_depth", range(1, 10, ParameterScale.linear, ParameterType.integer)));
        assertThat(new SearchSpace(search).totalTrials()).isEqualTo(4);
        assertThat(trials(search, 4)).extracting(t -> t.get("max_depth")).containsExactly("1", "2", "3", "4");
    }

    private static List<Map<String, String>> trials(Search search, int n) {
        SearchSpace space = new SearchSpace(search);
        return IntStream.range(0, n).mapToObj(space::trial).toList();
    }

    private static Search random(long seed, int maxTrials) {
        return search(SearchAlgorithm.random, seed, maxTrials, Map.of(
                "max_depth", range(2, 8, ParameterScale.linear, ParameterType.integer),
                "eta", range(0.01, 0.3, ParameterScale.log, ParameterType.real),
                "grow_policy", values("depthwise", "lossguide")));
    }

    static Search search(SearchAlgorithm algorithm, long seed, int maxTrials, Map<String, ParameterSpace> space) {
        Search search = new Search();
        search.setAlgorithm(algorithm);
        search.setSeed(seed);
        search.setMaxTrials(maxTrials);
        search.setSpace(space);
        return search;
    }

    static ParameterSpace range(double min, double max, ParameterScale scale, ParameterType type) {
        ParameterSpace parameter = new ParameterSpace();
        parameter.setMin(min);
        parameter.setMax(max);
        parameter.setScale(scale);
        parameter.setType(type);
        return parameter;
    }

    static ParameterSpace values(String... values) {
        ParameterSpace parameter = new ParameterSpace();
        parameter.setValues(List.of(values));
        return parameter;
    }
}
