package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicasTest {
    @ParameterizedTest(name = "{0} pods at {1}%: canary {2}, stable {3}")
    @CsvSource({"10, 10, 1, 9", "10, 50, 5, 5", "10, 100, 10, 0", "2, 10, 1, 1", "1, 50, 1, 1", "4, 25, 1, 3"})
    void splitsPodsByWeightKeepingOneOfEachUntilTheEnd(int total, int weight, int canary, int stable) {
        assertThat(Replicas.canary(total, weight)).isEqualTo(canary);
        assertThat(Replicas.stable(total, weight)).isEqualTo(stable);
    }

    @org.junit.jupiter.api.Test
    void surgeFirstTakesAReadyPodAwayOnlyWhenAnotherIsReadyInItsPlace() {
        assertThat(Replicas.surgeFirst(4, new int[] {3, 1}, new int[] {4, 0})).containsExactly(4, 1);
        assertThat(Replicas.surgeFirst(4, new int[] {3, 1}, new int[] {4, 1})).containsExactly(3, 1);
        assertThat(Replicas.surgeFirst(4, new int[] {0, 4}, new int[] {4, 2})).containsExactly(2, 4);
    }

    @org.junit.jupiter.api.Test
    void anOverfullVersionShedsItsSurplusBeforeAnother() {
        assertThat(Replicas.surgeFirst(3, new int[] {2, 1}, new int[] {1, 2})).containsExactly(2, 2);
        assertThat(Replicas.surgeFirst(3, new int[] {2, 1}, new int[] {2, 3})).containsExactly(2, 1);
    }
}
