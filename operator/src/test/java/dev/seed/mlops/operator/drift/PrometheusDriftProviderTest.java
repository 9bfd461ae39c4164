package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Prometheus has each pod's scores but not its bin counts: each pod is judged on its own window. */
class PrometheusDriftProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode result(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static final String SAMPLES = """
            [{"metric":{"__name__":"mlops_drift_window_samples","pod":"a","model":"credit","version":"3"},"value":[1,"600"]},
             {"metric":{"__name__":"mlops_drift_window_samples","pod":"b","model":"credit","version":"3"},"value":[1,"20"]},
             {"metric":{"__name__":"mlops_drift_window_samples","pod":"c","model":"credit","version":"3"},"value":[1,"700"]}]
            """;
    private static final String FEATURES = """
            [{"metric":{"__name__":"mlops_feature_drift","pod":"a","model":"credit","version":"3","feature":"age","metric":"psi"},"value":[1,"0.05"]},
             {"metric":{"__name__":"mlops_feature_drift","pod":"b","model":"credit","version":"3","feature":"age","metric":"psi"},"value":[1,"0.9"]},
             {"metric":{"__name__":"mlops_feature_drift","pod":"c","model":"credit","version":"3","feature":"age","metric":"psi"},"value":[1,"0.08"]},
             {"metric":{"__name__":"mlops_feature_drift","pod":"c","model":"credit","version":"3","feature":"plan","metric":"psi"},"value":[1,"NaN"]}]
            """;

    @Test
    void onlyPodsWhoseOwnWindowHoldsMinSamplesCountAndSamplesAreTheSmallestCountedWindow() throws Exception {
        DriftReading reading = PrometheusDriftProvider.judge(result(SAMPLES), result(FEATURES), result("[]"), 500);

        assertThat(reading.scores()).as("pod b's 20-row window is noise, not drift").containsOnlyKeys("age");
        assertThat(reading.scores().get("age")).isEqualTo(0.08);
        assertThat(reading.samples()).isEqualTo(600);
    }

    @Test
    void noPodWithEnoughRowsIsInconclusiveNeverNoDrift() throws Exception {
        DriftReading reading = PrometheusDriftProvider.judge(result(SAMPLES), result(FEATURES), result("[]"), 1000);

        assertThat(reading.scores()).isEmpty();
        assertThat(reading.samples()).isEqualTo(700);
        assertThat(DriftEvaluation.of(reading, new dev.seed.mlops.api.v1alpha1.DriftPolicySpec()).reading())
                .isEqualTo(BreachTracker.Reading.INCONCLUSIVE);
    }
}
