package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicasTest {
    @ParameterizedTest(name = "{0} pods, {1}% of requests: canary {2}")
    @CsvSource({"10, 10, 1", "10, 50, 5", "10, 100, 10", "2, 10, 1", "1, 50, 1", "4, 25, 1", "3, 50, 2", "20, 1, 1"})
    void theCanaryGetsPodsForItsShareOfRequestsAtLeastOne(int total, int share, int canary) {
        assertThat(Replicas.canary(total, share)).isEqualTo(canary);
    }
}
