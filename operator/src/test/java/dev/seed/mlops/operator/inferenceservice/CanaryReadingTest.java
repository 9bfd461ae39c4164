package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanaryReadingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final CanaryKey TEN_PERCENT = new CanaryKey(2, 1, "2026-03-01T12:00:00Z", 10, 0);
    private static final CanaryScrape.PodCounters CANARY = new CanaryScrape.PodCounters(0, 0, new TreeMap<>());

    @Test
    void theServedShareIsSummedOverTheStablePodsThatKeptTheirCounters() {
        CanaryScrape earlier = scrape(T0, Map.of("a", pod(900, 100, 0), "b", pod(450, 50, 0), "c", pod(5000, 0, 0)));
        CanaryScrape later = scrape(T0.plusSeconds(30), Map.of("a", pod(1800, 200, 0), "b", pod(900, 98, 2), "c", pod(10, 0, 0),
                "d", pod(90, 10, 0)));

        CanaryReading reading = CanaryReading.between(TEN_PERCENT, earlier, later);

        assertThat(reading.routed().local()).as("c restarted and d is new: both left out").isEqualTo(1350);
        assertThat(reading.routed().forwarded()).isEqualTo(148);
        assertThat(reading.routed().fallback()).isEqualTo(2);
        assertThat(reading.routed().servedWeight()).isCloseTo(9.87, org.assertj.core.api.Assertions.within(0.01));
        assertThat(reading.routingStale()).isFalse();
    }

    @Test
    void aStablePodStillOnAnotherSplitMakesTheIntervalStale() {
        CanaryScrape earlier = scrape(T0, Map.of("a", new CanaryScrape.PodRouting(RoutedTraffic.NONE, 2, 0, 100)));
        CanaryScrape later = scrape(T0.plusSeconds(30), Map.of("a", pod(900, 100, 0)));

        assertThat(CanaryReading.between(TEN_PERCENT, earlier, later).routingStale()).isTrue();
    }

    @Test
    void atAShadowStepTheDisagreementIsMeasuredOnTheSameRows() {
        CanaryKey shadow = new CanaryKey(2, 0, "2026-03-01T12:00:00Z", 0, 100);
        RoutedTraffic compared = new RoutedTraffic(100, 0, 0, 100, 0, 0, 100, 100, 90, 5.0, new long[] {50, 50}, new long[] {90, 10});
        CanaryScrape earlier = scrape(T0, Map.of("a", new CanaryScrape.PodRouting(RoutedTraffic.NONE, 2, 0, 100)));
        CanaryScrape later = scrape(T0.plusSeconds(30), Map.of("a", new CanaryScrape.PodRouting(compared, 2, 0, 100)));

        CanaryReading reading = CanaryReading.between(shadow, earlier, later);

        assertThat(reading.routed().agreement()).isEqualTo(0.9);
        assertThat(reading.routed().meanAbsDelta()).isEqualTo(0.05);
        assertThat(reading.predictionDriftVsStable()).as("PSI of the shadow answers against the stable ones on the same rows")
                .isEqualTo(PredictionDistributions.psi(new long[] {90, 10}, new long[] {50, 50}));
    }

    @Test
    void aStablePodsRoutingReportIsReadAsTheServingContractWritesIt() {
        String body = """
                {"model": "credit-risk", "version": 3, "role": "stable", "synced": true, "configRevision": "812",
                 "routing": {"stable": {"version": 3, "address": "10.43.12.7:80"},
                             "canary": {"version": 4, "address": "10.43.99.1:80", "weight": 0, "shadow": 100},
                             "agreementTolerance": 0.05},
                 "requests": {"local": 1200, "forwarded": 0, "fallback": 0},
                 "shadow": {"mirrored": 1190, "dropped": 10, "failed": 2, "compared": 1188, "rows": 4752, "agreeingRows": 4600,
                            "absDeltaSum": 47.5, "absDeltaBuckets": {"0.01": 10, "+Inf": 4752},
                            "stableBins": [1, 2, 3], "shadowBins": [3, 2, 1]}}
                """;

        CanaryScrape.PodRouting pod = PodCanaryMetrics.routing(body);

        assertThat(pod.applies(new CanaryKey(4, 0, "t", 0, 100))).isTrue();
        assertThat(pod.traffic().local()).isEqualTo(1200);
        assertThat(pod.traffic().mirrored()).isEqualTo(1190);
        assertThat(pod.traffic().dropped()).isEqualTo(10);
        assertThat(pod.traffic().failed()).isEqualTo(2);
        assertThat(pod.traffic().rows()).isEqualTo(4752);
        assertThat(pod.traffic().agreeingRows()).isEqualTo(4600);
        assertThat(pod.traffic().absDeltaSum()).isEqualTo(47.5);
        assertThat(pod.traffic().shadowBins()).containsExactly(3, 2, 1);
    }

    @Test
    void aPodThatHasNotSyncedItsRoutingRoutesToNoCanary() {
        CanaryScrape.PodRouting pod = PodCanaryMetrics.routing("""
                {"version": 3, "role": "unrouted", "synced": false, "routing": null,
                 "requests": {"local": 5, "forwarded": 0, "fallback": 0}, "shadow": {}}
                """);

        assertThat(pod.canaryVersion()).isZero();
        assertThat(pod.applies(TEN_PERCENT)).isFalse();
    }

    private static CanaryScrape.PodRouting pod(long local, long forwarded, long fallback) {
        return new CanaryScrape.PodRouting(new RoutedTraffic(local, forwarded, fallback, 0, 0, 0, 0, 0, 0, 0, new long[0], new long[0]), 2, 10, 0);
    }

    private static CanaryScrape scrape(Instant at, Map<String, CanaryScrape.PodRouting> stable) {
        return new CanaryScrape(at, Map.of("canary", CANARY), stable, Double.NaN, new long[0], new long[0]);
    }
}
