package dev.seed.mlops.trainer.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.DataSplit;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void partsHaveExactSizesAndCoverEveryRowOnce() {
        Split split = Split.of(1000, settings(0.2, 0.1, 42));
        assertThat(split.test()).hasSize(200);
        assertThat(split.validation()).hasSize(100);
        assertThat(split.train()).hasSize(700);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation())),
                Arrays.stream(split.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 1000).toArray());
        assertThat(split.test()).isSorted();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        assertThat(Split.of(500, settings(0.2, 0.1, 7)).test()).isEqualTo(Split.of(500, settings(0.2, 0.1, 7)).test());
        assertThat(Split.of(500, settings(0.2, 0.1, 7)).test()).isNotEqualTo(Split.of(500, settings(0.2, 0.1, 8)).test());
    }

    @Test
    void noValidationPartWhenItsFractionIsZero() {
        assertThat(Split.of(10, settings(0.2, 0.0, 1)).validation()).isEmpty();
    }

    @Test
    void tooFewRowsCannotBeSplit() {
        assertThatThrownBy(() -> Split.of(2, settings(0.2, 0.1, 1))).hasMessageContaining("2 rows cannot be split");
    }

    private static DataSplit settings(double test, double validation, long seed) {
        DataSplit split = new DataSplit();
        split.setTestFraction(test);
        split.setValidationFraction(validation);
        split.setSeed(seed);
        return split;
    }
}
