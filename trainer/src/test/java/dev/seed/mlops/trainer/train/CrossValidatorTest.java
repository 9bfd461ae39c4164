package dev.seed.mlops.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrossValidatorTest {

    @Test
    void foldsPartitionTheRowsIntoNearlyEqualParts() {
        int[][] folds = CrossValidator.folds(103, 5, 7);
        assertThat(folds).hasNumberOfRows(5);
        assertThat(Arrays.stream(folds).mapToInt(fold -> fold.length)).allMatch(size -> size == 20 || size == 21);
        int[] all = Arrays.stream(folds).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 103).toArray());
    }

    @Test
    void theSameSeedCutsTheSameFoldsAndAnotherSeedOthers() {
        assertThat(CrossValidator.folds(50, 3, 7)).isDeepEqualTo(CrossValidator.folds(50, 3, 7));
        assertThat(CrossValidator.folds(50, 3, 8)[0]).isNotEqualTo(CrossValidator.folds(50, 3, 7)[0]);
    }

    @Test
    void theComplementOfAFoldIsEveryOtherRow() {
        int[] fold = {1, 4, 5};
        assertThat(CrossValidator.complement(7, fold)).containsExactly(0, 2, 3, 6);
    }

    @Test
    void eachMetricIsSummarisedByItsMeanAndPopulationDeviation() {
        Map<String, Double> summary = CrossValidator.summary(List.of(Map.of("auc", 0.7), Map.of("auc", 0.8), Map.of("auc", 0.9)));
        assertThat(summary.get("cv.auc.mean")).isCloseTo(0.8, within(1e-12));
        assertThat(summary.get("cv.auc.std")).isCloseTo(Math.sqrt(0.02 / 3), within(1e-12));
    }
}
