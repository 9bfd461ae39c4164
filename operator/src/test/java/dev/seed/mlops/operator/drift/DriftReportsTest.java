package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.api.v1alpha1.DriftMetric;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftReportsTest {
    private static final String REPORT = """
            {"model":"credit","version":"3","samples":1200,
             "window":{"kind":"rows","size":10000,"buckets":10,"start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:05:00Z"},
             "baselineDigest":"sha256:aa","datasetDigest":"sha256:bb",
             "features":[{"name":"age","psi":0.41,"ks":0.2,"jensenShannon":0.05,"missingRate":0.0,"counts":[1,2]},
                         {"name":"income","ks":0.1},
                         {"name":"plan","psi":0.01,"ks":0.02,"jensenShannon":0.001}],
             "prediction":{"name":"_prediction","psi":0.3,"ks":0.15,"jensenShannon":0.02}}
            """;

    @Test
    void readsTheScoresOfTheAskedMetricAndLeavesOutWhatCouldNotBeScored() throws IOException {
        DriftReading psi = DriftReports.parse(REPORT, DriftMetric.psi);
        DriftReading ks = DriftReports.parse(REPORT, DriftMetric.ks);

        assertThat(psi.samples()).isEqualTo(1200);
        assertThat(psi.scores()).containsExactlyInAnyOrderEntriesOf(Map.of("age", 0.41, "plan", 0.01, "_prediction", 0.3));
        assertThat(ks.scores()).containsEntry("income", 0.1).containsEntry("_prediction", 0.15);
    }

    @Test
    void somethingElseIsNotADriftReport() {
        assertThatThrownBy(() -> DriftReports.parse("{\"error\":\"unknown model\"}", DriftMetric.psi))
                .isInstanceOf(IOException.class).hasMessageContaining("not a drift report");
    }

    @Test
    void podsMergeBySummingSamplesAndTakingTheWorstScore() {
        DriftReading merged = DriftReports.merge(List.of(
                new DriftReading(600, Map.of("age", 0.41, "plan", 0.01)),
                new DriftReading(700, Map.of("age", 0.10, "plan", 0.30, "_prediction", 0.2))));

        assertThat(merged.samples()).isEqualTo(1300);
        assertThat(merged.scores()).containsExactlyInAnyOrderEntriesOf(Map.of("age", 0.41, "plan", 0.30, "_prediction", 0.2));
    }
}
