package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PredictionDistributionsTest {
    @Test
    void psiOfTheSameDistributionIsZero() {
        assertThat(PredictionDistributions.psi(new long[] {10, 30, 60}, new long[] {1, 3, 6})).isCloseTo(0, within(1e-12));
    }

    @Test
    void psiByHand() {
        // (0.2-0.5) ln(0.2/0.5) + (0.8-0.5) ln(0.8/0.5) = 0.27489 + 0.14100
        assertThat(PredictionDistributions.psi(new long[] {2, 8}, new long[] {5, 5})).isCloseTo(0.4158883, within(1e-6));
    }

    @Test
    void withoutPredictionsOnEitherSideThereIsNoScore() {
        assertThat(PredictionDistributions.psi(new long[] {0, 0}, new long[] {5, 5})).isNaN();
        assertThat(PredictionDistributions.psi(new long[0], new long[0])).isNaN();
    }
}
