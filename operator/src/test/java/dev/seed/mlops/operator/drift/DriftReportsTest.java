package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftReportsTest {
    private static final String REPORT = """
            {"model":"credit","version":"3","samples":40,
             "window":{"kind":"rows","size":10000,"buckets":10,"start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:05:00Z"},
             "baselineDigest":"sha256:aa","datasetDigest":"sha256:bb",
             "features":[{"name":"age","psi":0.41,"ks":0.2,"jensenShannon":0.05,"missingRate":0.0,"counts":[30,10],"expected":[0.5,0.5]},
                         {"name":"income","counts":[0,0],"expected":[0.25,0.75]}],
             "prediction":{"name":"_prediction","counts":[20,20],"expected":[0.5,0.5]}}
            """;
    private static final double[] UNIFORM = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};

    @Test
    void readsEachVariablesBinCountsWithTheBaselineProportions() throws IOException {
        DriftReports.PodReport report = DriftReports.parse(REPORT);

        assertThat(report.samples()).isEqualTo(40);
        assertThat(report.histograms()).containsOnlyKeys("age", "income", "_prediction");
        assertThat(report.histograms().get("age").counts()).containsExactly(30, 10);
        assertThat(report.histograms().get("income").expected()).containsExactly(0.25, 0.75);
    }

    @Test
    void aVariableWithNoValueInAnyWindowHasNoScore() throws IOException {
        DriftReading reading = DriftReports.pool(List.of(DriftReports.parse(REPORT)), DriftMetric.ks);

        assertThat(reading.scores()).containsOnlyKeys("age", "_prediction");
        assertThat(reading.scores().get("age")).isCloseTo(0.25, within(1e-12));
        assertThat(reading.scores().get("_prediction")).isCloseTo(0, within(1e-12));
    }

    @Test
    void somethingElseIsNotADriftReportAndAReportWithoutBinsCannotBePooled() {
        assertThatThrownBy(() -> DriftReports.parse("{\"error\":\"unknown model\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a drift report");
        assertThatThrownBy(() -> DriftReports.parse("{\"samples\":10,\"features\":[{\"name\":\"age\",\"psi\":0.4}]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("age has no bin counts with baseline proportions to pool");
    }

    @Test
    void podsComparingAgainstDifferentBaselinesAreNotPooled() {
        DriftReports.PodReport one = pod(10, new double[] {0.5, 0.5}, new long[] {5, 5});
        DriftReports.PodReport other = pod(10, new double[] {0.4, 0.6}, new long[] {5, 5});

        assertThatThrownBy(() -> DriftReports.pool(List.of(one, other), DriftMetric.psi))
                .isInstanceOf(IOException.class).hasMessageContaining("the pods do not compare against the same baseline");
    }

    /**
     * Defect 5: 25 pods of 20 rows each, every one drawn close to the baseline but with one empty bin, as small
     * windows have. Merged the old way (samples summed to 500, each variable's worst pod score) this breached with
     * PSI ≈ 0.76; pooled it is 500 rows on one histogram, well within the threshold.
     */
    @Test
    void aManyPodServiceWithSmallWindowsIsJudgedOnThePooledHistogramNotOnItsWorstPod() throws IOException {
        List<DriftReports.PodReport> pods = new ArrayList<>();
        for (int pod = 0; pod < 25; pod++) {
            long[] counts = new long[10];
            Arrays.fill(counts, 2);
            counts[pod % 10] = 4;
            counts[(pod + 1) % 10] = 0;
            pods.add(pod(20, UNIFORM, counts));
        }
        DriftPolicySpec spec = new DriftPolicySpec();
        double worstPod = pods.stream().mapToDouble(p -> DriftReports.score(DriftMetric.psi, p.histograms().get("age"), 20)).max().orElseThrow();
        assertThat(worstPod).as("what the old worst-of-pods merge judged").isGreaterThan(0.7);

        DriftReading pooled = DriftReports.pool(pods, DriftMetric.psi);

        assertThat(pooled.samples()).isEqualTo(500);
        assertThat(pooled.scores().get("age")).isLessThan(0.01);
        assertThat(DriftEvaluation.of(pooled, spec).reading()).isEqualTo(BreachTracker.Reading.CLEAR);
    }

    @Test
    void pooledWindowsThatReallyShiftedStillBreach() throws IOException {
        List<DriftReports.PodReport> pods = new ArrayList<>();
        for (int pod = 0; pod < 25; pod++) {
            pods.add(pod(20, UNIFORM, new long[] {6, 6, 2, 2, 1, 1, 1, 1, 0, 0}));
        }

        DriftReading pooled = DriftReports.pool(pods, DriftMetric.psi);

        assertThat(DriftEvaluation.of(pooled, new DriftPolicySpec()).reading()).isEqualTo(BreachTracker.Reading.BREACH);
    }

    private static DriftReports.PodReport pod(long samples, double[] expected, long[] counts) {
        return new DriftReports.PodReport(samples, Map.of("age", new DriftReports.Histogram(expected, counts)));
    }
}
