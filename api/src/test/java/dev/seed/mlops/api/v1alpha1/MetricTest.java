package dev.seed.mlops.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The admission rules' CEL list of errors is the operator's notion of lower-is-better, metric for metric. */
class MetricTest {

    @Test
    void theCelListOfErrorsHoldsExactlyTheMetricsWhereLowerIsBetter() {
        String expected = Arrays.stream(Metric.values()).filter(Metric::lowerIsBetter)
                .map(metric -> "'" + metric.name() + "'").toList().toString();

        assertThat(Metric.CEL_ERRORS).isEqualTo(expected);
    }
}
