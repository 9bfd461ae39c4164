package dev.seed.mlops.operator.training.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.ParameterScale;
import dev.seed.mlops.api.v1alpha1.ParameterType;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchAlgorithm;
import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.SearchObjective;
import dev.seed.mlops.operator.training.search.SuccessiveHalvingSchedule.Rung;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rungs of successive halving: their rounds, their sizes within maxTrials, and the first rung's seeded draws. */
class SuccessiveHalvingScheduleTest {

    @Test
    void roundsGrowByTheFactorFromMinRoundsAndTheLastRungTrainsNumRound() {
        assertThat(SuccessiveHalvingSchedule.rungs(50, 10, 200, 3)).extracting(Rung::rounds).containsExactly(10, 30, 90, 200);
    }

    @Test
    void eachRungKeepsOneInFactorOfTheOneBeforeAndTheFirstIsAsLargeAsMaxTrialsAllows() {
        List<Rung> rungs = SuccessiveHalvingSchedule.rungs(39, 10, 90, 3);

        assertThat(rungs).extracting(Rung::size).containsExactly(27, 9, 3);
        assertThat(rungs).extracting(Rung::first).containsExactly(0, 27, 36);
        assertThat(SuccessiveHalvingSchedule.rungs(40, 10, 90, 3)).extracting(Rung::size).as("28 + 9 + 3 = 40; 29 would make 41")
                .containsExactly(28, 9, 3);
    }

    @Test
    void whenMaxTrialsCannotHoldOneTrialPerRungTheRungsOfFewestRoundsGo() {
        assertThat(SuccessiveHalvingSchedule.rungs(2, 10, 200, 3)).extracting(Rung::rounds).containsExactly(90, 200);
    }

    @Test
    void minRoundsAboveNumRoundIsOneRungOfNumRound() {
        assertThat(SuccessiveHalvingSchedule.rungs(5, 500, 200, 3)).singleElement().satisfies(rung -> {
            assertThat(rung.rounds()).isEqualTo(200);
            assertThat(rung.size()).isEqualTo(5);
        });
    }

    @Test
    void theFirstRungsDrawsAreTheSameForTheSameSeedAndDifferForAnother() {
        TrialSchedule one = TrialSchedule.of(search(7), Map.of("num_round", "90"));
        TrialSchedule again = TrialSchedule.of(search(7), Map.of("num_round", "90"));
        TrialSchedule other = TrialSchedule.of(search(8), Map.of("num_round", "90"));

        List<Map<String, String>> draws = List.of(one.next(0, List.of()).parameters(), one.next(1, List.of()).parameters());

        assertThat(draws).containsExactly(again.next(0, List.of()).parameters(), again.next(1, List.of()).parameters());
        assertThat(draws).isNotEqualTo(List.of(other.next(0, List.of()).parameters(), other.next(1, List.of()).parameters()));
    }

    private static Search search(long seed) {
        Search search = SearchSpaceTest.search(SearchAlgorithm.successiveHalving, seed, 12,
                Map.of("eta", SearchSpaceTest.range(0.01, 0.3, ParameterScale.log, ParameterType.real),
                        "max_depth", SearchSpaceTest.range(2, 10, ParameterScale.linear, ParameterType.integer)));
        SearchObjective objective = new SearchObjective();
        objective.setMetric(Metric.auc);
        objective.setDirection(SearchDirection.maximize);
        search.setObjective(objective);
        return search;
    }
}
