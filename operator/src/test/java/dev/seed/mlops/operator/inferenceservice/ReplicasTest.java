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
}
