package dev.seed.mlops.trainer.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * The deciles found in passes over streamed values equal the ones of the sorted array in memory ({@link Profiler#numeric
 * (String, double[])}, what prepare computed before it streamed): the same edges, bit for bit, and the same frequencies.
 */
class ExactDecilesTest {

    @Test
    void randomColumnsOfEveryShapeGiveTheInMemoryProfile() {
        Random random = new Random(20261202);
        for (int trial = 0; trial < 300; trial++) {
            int size = random.nextInt(trial < 200 ? 50 : 5000);
            double[] values = new double[size];
            int shape = random.nextInt(5);
            for (int i = 0; i < size; i++) {
                values[i] = switch (shape) {
                    case 0 -> Math.round(random.nextGaussian() * 1e5) / 1e5;
                    case 1 -> random.nextInt(4) - 1.5;
                    case 2 -> random.nextBoolean() ? -0.0 : random.nextInt(3) == 0 ? 0.0 : -random.nextInt(2);
                    case 3 -> random.nextDouble() < 0.3 ? Double.NaN : Math.exp(random.nextGaussian() * 30);
                    default -> (random.nextBoolean() ? 1 : -1) * Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
                };
            }
            assertSameProfile(values, "trial " + trial + ", shape " + shape);
        }
    }

    @Test
    void aWindowTooFullToHoldIsNarrowedByACountingPass() {
        // 100,000 values in [1, 1.0625): one window of the first pass, more than it may hold
        Random random = new Random(1);
        double[] values = DoubleStream.generate(() -> 1 + random.nextDouble() / 16).limit(100_000).toArray();
        assertThat(assertSameProfile(values, "one full window")).as("passes").isEqualTo(3);
    }

    @Test
    void manyTiesOfOneValueNeedNoHolding() {
        double[] values = new double[50_000];
        Arrays.fill(values, 0, 30_000, -0.0);
        Arrays.fill(values, 30_000, 50_000, 2.5);
        assertSameProfile(values, "ties");
    }

    @Test
    void noValues() {
        assertSameProfile(new double[] {Double.NaN, Double.NaN}, "all missing");
        assertSameProfile(new double[0], "empty");
    }

    /** @return how many passes the deciles took */
    private static int assertSameProfile(double[] values, String description) {
        ExactDeciles deciles = new ExactDeciles();
        feed(deciles, values);
        deciles.endPass();
        int passes = 1;
        while (deciles.needsCountingPass()) {
            deciles.startPass();
            feed(deciles, values);
            deciles.endPass();
            passes++;
        }
        deciles.startPass();
        feed(deciles, values);
        deciles.endPass();
        passes++;

        FeatureProfile expected = Profiler.numeric("x", values);
        double missingRate = values.length == 0 ? 0 : 1.0 - (double) deciles.size() / values.length;
        FeatureProfile actual = Profiler.numeric("x", missingRate, deciles, 0, 0);
        assertThat(actual.binEdges()).as(description).isEqualTo(expected.binEdges());
        assertThat(actual.frequencies()).as(description).isEqualTo(expected.frequencies());
        assertThat(actual.missingRate()).as(description).isEqualTo(expected.missingRate());
        return passes;
    }

    private static void feed(ExactDeciles deciles, double[] values) {
        for (double value : values) {
            if (!Double.isNaN(value)) {
                deciles.add(value);
            }
        }
    }

    @Test
    void keysKeepTheOrderOfTheValues() {
        double[] ordered = {-Double.MAX_VALUE, -1, -Double.MIN_VALUE, 0, Double.MIN_VALUE, 1, Double.MAX_VALUE};
        for (int i = 1; i < ordered.length; i++) {
            assertThat(ExactDeciles.key(ordered[i - 1])).isLessThan(ExactDeciles.key(ordered[i]));
            assertThat(ExactDeciles.valueOf(ExactDeciles.key(ordered[i]))).isEqualTo(ordered[i], within(0.0));
        }
        assertThat(ExactDeciles.key(-0.0)).isEqualTo(ExactDeciles.key(0.0));
    }
}
