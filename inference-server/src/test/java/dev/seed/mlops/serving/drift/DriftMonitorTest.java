package dev.seed.mlops.serving.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.artifact.ModelManifest.ManifestFeature;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    /** x: numeric, one edge at 0 (two bins, 50/50); plan: categorical a/b/unknown (50/50/0). */
    private static final FeatureSchema SCHEMA = new FeatureSchema(new ModelManifest(1, "xgboost", "model.xgb",
            "0".repeat(64), "binary", 2, "y", List.of(
                    new ManifestFeature("x", "numeric", null),
                    new ManifestFeature("plan", "categorical", List.of("a", "b", "c"))),
            null, null, null, null, null));
    private static final DataProfile PROFILE = new DataProfile(1, "sha256:data", 100, List.of(
            new FeatureProfile("x", "numeric", 0, List.of(0.0), null, List.of(0.5, 0.5), 0.0, 1.0),
            new FeatureProfile("plan", "categorical", 0, null, List.of("a", "b"), List.of(0.5, 0.5, 0.0), null, null),
            new FeatureProfile("_prediction", "numeric", 0, List.of(0.5), null, List.of(0.5, 0.5), 0.5, 0.1)));

    private final MutableClock clock = new MutableClock();

    private DriftMonitor counted(long rows, int buckets) {
        return DriftMonitor.create(SCHEMA, SCHEMA, 1, true, PROFILE, "sha256:profile",
                new DriftMonitor.WindowSpec(rows, 0, buckets), clock);
    }

    /** Records rows of (x, plan) with prediction p. */
    private static void record(DriftMonitor monitor, double x, String plan, float prediction, int rows) {
        FeatureBatch batch = new FeatureBatch(SCHEMA);
        float[] predictions = new float[rows];
        for (int r = 0; r < rows; r++) {
            int row = batch.addRow();
            batch.setNumber(row, 0, x);
            if (plan == null) {
                batch.setMissing(row, 1);
            } else {
                batch.setString(row, 1, plan);
            }
            predictions[r] = prediction;
        }
        monitor.record(batch, batch.values(), predictions);
    }

    @Test
    void oldRowsLeaveACountedWindowABucketAtATime() {
        DriftMonitor monitor = counted(4, 2);
        record(monitor, -1, "a", 0.1f, 4);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0.5, within(1e-12));

        record(monitor, 1, "b", 0.9f, 2);

        // the first bucket (two rows of x<0) left: the window holds two rows on each side of the edge
        assertThat(monitor.samples()).isEqualTo(4);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0, within(1e-12));
        assertThat(monitor.featureScore("x", DriftMetric.PSI)).isCloseTo(0, within(1e-12));
        assertThat(monitor.predictionScore(DriftMetric.KS)).isCloseTo(0, within(1e-12));
    }

    @Test
    void binaryProbabilitiesAreAlsoCountedOnEdgesEveryVersionShares() {
        DriftMonitor monitor = counted(100, 4);
        record(monitor, -1, "a", 0.01f, 2);
        record(monitor, -1, "a", 0.52f, 1);
        record(monitor, -1, "a", 0.97f, 1);

        DriftReport.ComparablePrediction shared = monitor.report().comparablePrediction();
        assertThat(shared.binEdges()).hasSize(19);
        assertThat(shared.binEdges().get(0)).isCloseTo(0.05, within(1e-6));
        assertThat(shared.counts()).hasSize(20);
        assertThat(shared.counts().get(0)).isEqualTo(2);
        assertThat(shared.counts().get(10)).isEqualTo(1);
        assertThat(shared.counts().get(19)).isEqualTo(1);
        assertThat(DriftMonitor.create(SCHEMA, SCHEMA, 1, false, PROFILE, "sha256:profile", new DriftMonitor.WindowSpec(10, 0, 2), clock)
                .report().comparablePrediction()).as("regression has no shared bins").isNull();
    }

    @Test
    void aTimedWindowEmptiesWhenItsTimeIsOverEvenWithoutNewRows() {
        DriftMonitor monitor = DriftMonitor.create(SCHEMA, SCHEMA, 1, true, PROFILE, "sha256:profile",
                new DriftMonitor.WindowSpec(0, 1000, 2), clock);
        clock.millis = 10_000;
        record(monitor, -1, "a", 0.1f, 3);
        clock.millis = 10_600;
        record(monitor, 1, "a", 0.1f, 1);
        assertThat(monitor.samples()).isEqualTo(4);

        clock.millis = 11_100; // the bucket [10000, 10500) is over
        assertThat(monitor.samples()).isEqualTo(1);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0.5, within(1e-12));

        clock.millis = 12_100;
        assertThat(monitor.samples()).isZero();
        assertThat(monitor.featureScore("x", DriftMetric.PSI)).isNaN();
        assertThat(monitor.report().features().get(0).psi()).isNull();
    }

    @Test
    void unknownCategoriesHaveTheirOwnBinAndMissingValuesAreCountedApart() {
        DriftMonitor monitor = counted(100, 4);
        record(monitor, -1, "a", 0.1f, 1);
        record(monitor, -1, "c", 0.1f, 1); // known to the model, not to the baseline
        record(monitor, -1, "zzz", 0.1f, 1); // known to neither: unknown, not missing
        record(monitor, -1, null, 0.1f, 1);

        // plan bins: a=1, b=0, unknown=2 of 3 values; baseline 0.5/0.5/0 -> KS = max(|1/3-0.5|, |1/3-1|, 0) = 2/3
        assertThat(monitor.featureScore("plan", DriftMetric.KS)).isCloseTo(2.0 / 3, within(1e-12));
        DriftReport.Score plan = monitor.report().features().get(1);
        assertThat(plan.counts()).containsExactly(1L, 0L, 2L);
        assertThat(plan.name()).isEqualTo("plan");
        assertThat(plan.missingRate()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void theReportNamesTheWindowAndTheBaseline() {
        DriftMonitor monitor = counted(10, 2);
        clock.millis = 5_000;
        record(monitor, -1, "a", 0.1f, 3);
        clock.millis = 6_000;
        record(monitor, 1, "b", 0.9f, 3);

        DriftReport report = monitor.report();
        assertThat(report.samples()).isEqualTo(6);
        assertThat(report.baselineDigest()).isEqualTo("sha256:profile");
        assertThat(report.datasetDigest()).isEqualTo("sha256:data");
        assertThat(report.window()).isEqualTo(new DriftReport.Window("rows", 10, 2,
                Instant.ofEpochMilli(5_000), Instant.ofEpochMilli(6_000)));
        assertThat(report.features()).extracting(DriftReport.Score::name).containsExactly("x", "plan");
        assertThat(report.prediction().ks()).isCloseTo(0, within(1e-12));
    }

    @Test
    void eachScoreComesWithItsBinCountsAndTheBaselineProportionsSoPodsCanBePooled() {
        DriftMonitor monitor = counted(10, 2);
        record(monitor, -1, "a", 0.1f, 3);
        record(monitor, 1, "b", 0.9f, 1);

        DriftReport report = monitor.report();
        assertThat(report.features().get(0).counts()).containsExactly(3L, 1L);
        assertThat(report.features().get(0).expected()).containsExactly(0.5, 0.5);
        assertThat(report.features().get(1).expected()).containsExactly(0.5, 0.5, 0.0);
        assertThat(report.prediction().counts()).containsExactly(3L, 1L);
        assertThat(report.prediction().expected()).containsExactly(0.5, 0.5);
    }

    @Test
    void aGrownWindowKeepsEveryRowAndFillsUpToItsNewSize() {
        DriftMonitor monitor = counted(4, 2);
        record(monitor, -1, "a", 0.1f, 2);
        record(monitor, 1, "b", 0.9f, 2);

        monitor.resize(new DriftMonitor.WindowSpec(8, 0, 2));
        assertThat(monitor.samples()).isEqualTo(4);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0, within(1e-12));

        record(monitor, 1, "b", 0.9f, 4);
        assertThat(monitor.samples()).isEqualTo(8);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0.25, within(1e-12)); // 2 of 8 below the edge
        assertThat(monitor.report().window().size()).isEqualTo(8);
        record(monitor, 1, "b", 0.9f, 1);
        assertThat(monitor.samples()).as("the 4 rows from before the resize left as one bucket").isEqualTo(5);
    }

    @Test
    void aShrunkWindowKeepsTheNewestWholeBucketsThatFitAndNeverHoldsMoreThanItsSize() {
        DriftMonitor monitor = counted(12, 2);
        record(monitor, -1, "a", 0.1f, 6);
        record(monitor, 1, "b", 0.9f, 6);

        monitor.resize(new DriftMonitor.WindowSpec(9, 0, 3));
        assertThat(monitor.samples()).as("the newest bucket fits, the older would make 12 of 9").isEqualTo(6);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0.5, within(1e-12));

        record(monitor, -1, "a", 0.1f, 3);
        assertThat(monitor.samples()).isEqualTo(9);
        record(monitor, -1, "a", 0.1f, 1);
        assertThat(monitor.samples()).isEqualTo(4);
        assertThat(monitor.featureScore("x", DriftMetric.KS)).isCloseTo(0.5, within(1e-12)); // all below the edge now
    }

    @Test
    void aCountedWindowTurnedTimedKeepsTheRowsOfTheNewDurationUntilTheyAreThatOld() {
        DriftMonitor monitor = counted(100, 4);
        clock.millis = 1_000;
        record(monitor, -1, "a", 0.1f, 25);
        clock.millis = 5_000;
        record(monitor, 1, "b", 0.9f, 25);

        clock.millis = 6_000;
        monitor.resize(new DriftMonitor.WindowSpec(100, 4_000, 4));
        assertThat(monitor.samples()).as("only the rows of the last 4 s").isEqualTo(25);
        assertThat(monitor.report().window().kind()).isEqualTo("duration");
        assertThat(monitor.report().window().start()).isEqualTo(Instant.ofEpochMilli(5_000));

        clock.millis = 8_999;
        assertThat(monitor.samples()).isEqualTo(25);
        clock.millis = 9_000;
        assertThat(monitor.samples()).isZero();
    }

    @Test
    void theSameSizeAgainLosesNothing() {
        DriftMonitor monitor = counted(10, 2);
        record(monitor, -1, "a", 0.1f, 7);
        DriftReport before = monitor.report();

        monitor.resize(new DriftMonitor.WindowSpec(10, 0, 2));

        assertThat(monitor.report()).isEqualTo(before);
        record(monitor, 1, "b", 0.9f, 4);
        assertThat(monitor.samples()).as("the 5-row bucket left, as without the resize").isEqualTo(6);
    }

    private static final class MutableClock extends Clock {
        long millis;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
