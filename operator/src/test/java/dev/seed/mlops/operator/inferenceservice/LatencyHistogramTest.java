package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void interpolatesInsideTheBucketLikeHistogramQuantile() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.add(0.001, 50);
        histogram.add(0.005, 90);
        histogram.add(0.010, 100);
        histogram.add(Double.POSITIVE_INFINITY, 100);

        assertThat(histogram.quantile(0.99)).isCloseTo(0.0095, within(1e-9));
        assertThat(histogram.quantile(0.5)).isCloseTo(0.001, within(1e-9));
    }

    @Test
    void sumsPodsAndIsNaNWithoutObservations() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.quantile(0.99)).isNaN();
        histogram.add(0.01, 1);
        histogram.add(0.01, 1);
        histogram.add(Double.POSITIVE_INFINITY, 2);
        assertThat(histogram.quantile(0.99)).isCloseTo(0.0099, within(1e-9));
    }
}
