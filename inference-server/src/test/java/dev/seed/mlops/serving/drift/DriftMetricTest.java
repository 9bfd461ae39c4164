package dev.seed.mlops.serving.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Scores against values worked out by hand (the arithmetic is in the comments). */
class DriftMetricTest {

    /** Baseline 50/30/20 %, window counts 2/5/3 of 10, i.e. 20/50/30 %. */
    private static final double[] EXPECTED = {0.5, 0.3, 0.2};
    private static final long[] COUNTS = {2, 5, 3};

    @Test
    void psiSumsTheWeightedLogRatios() {
        // (0.2-0.5)ln(0.2/0.5) + (0.5-0.3)ln(0.5/0.3) + (0.3-0.2)ln(0.3/0.2)
        // = 0.2748872 + 0.1021651 + 0.0405465 = 0.4175989
        assertThat(DriftMetric.PSI.score(EXPECTED, COUNTS, 0, 3, 10)).isCloseTo(0.4175989, within(1e-7));
    }

    @Test
    void ksIsTheLargestGapBetweenTheCumulativeDistributions() {
        // CDFs: baseline 0.5, 0.8, 1.0; window 0.2, 0.7, 1.0 -> gaps 0.3, 0.1, 0
        assertThat(DriftMetric.KS.score(EXPECTED, COUNTS, 0, 3, 10)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void jensenShannonAveragesTheDivergencesFromTheMidpointInBits() {
        // M = (0.35, 0.4, 0.25)
        // KL(window||M) = 0.2 log2(0.2/0.35) + 0.5 log2(0.5/0.4) + 0.3 log2(0.3/0.25) = -0.1614710 + 0.1609640 + 0.0789103
        // KL(base||M)   = 0.5 log2(0.5/0.35) + 0.3 log2(0.3/0.4) + 0.2 log2(0.2/0.25) = 0.2572866 - 0.1245112 - 0.0643856
        // JS = (0.0784034 + 0.0683898) / 2 = 0.0733966
        assertThat(DriftMetric.JENSEN_SHANNON.score(EXPECTED, COUNTS, 0, 3, 10)).isCloseTo(0.0733966, within(1e-6));
    }

    @Test
    void anEmptyBinCountsAsATinyProportionInPsiAndAsNothingInJensenShannon() {
        double[] expected = {0.25, 0.25, 0.5};
        long[] counts = {0, 4, 4};
        // PSI: (1e-4 - 0.25) ln(1e-4 / 0.25) + (0.5 - 0.25) ln(0.5 / 0.25) + 0 = 1.9552291 + 0.1732868 = 2.1285159
        assertThat(DriftMetric.PSI.score(expected, counts, 0, 3, 8)).isCloseTo(2.1285159, within(1e-6));
        // JS: M = (0.125, 0.375, 0.5); KL(window||M) = 0.5 log2(0.5/0.375) + 0 = 0.2075187;
        // KL(base||M) = 0.25 log2(0.25/0.125) + 0.25 log2(0.25/0.375) + 0 = 0.25 - 0.1462406 = 0.1037594;
        // JS = (0.2075187 + 0.1037594) / 2 = 0.1556391
        assertThat(DriftMetric.JENSEN_SHANNON.score(expected, counts, 0, 3, 8)).isCloseTo(0.1556391, within(1e-6));
    }

    @Test
    void identicalDistributionsScoreZero() {
        long[] counts = {5, 3, 2};
        for (DriftMetric metric : DriftMetric.values()) {
            assertThat(metric.score(EXPECTED, counts, 0, 3, 10)).as(metric.id()).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void aVariableIsReadAtItsOffsetAmongOtherVariablesBins() {
        long[] counts = {9, 9, 2, 5, 3, 9};
        assertThat(DriftMetric.KS.score(EXPECTED, counts, 2, 3, 10)).isCloseTo(0.3, within(1e-12));
    }
}
