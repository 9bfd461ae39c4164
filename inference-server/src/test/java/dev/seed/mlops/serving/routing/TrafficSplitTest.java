package dev.seed.mlops.serving.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The served share is exact per pod, so it is exact for the service whatever the replica count: N stable pods, each
 * with its own counter, receive 10,000 requests spread by a seeded random choice (as kube-proxy picks an endpoint),
 * and together forward the weight's share within ±2 percentage points.
 */
class TrafficSplitTest {

    private static final int REQUESTS = 10_000;

    static Stream<Arguments> weightsAndReplicas() {
        return IntStream.of(1, 10, 33, 50, 100).boxed()
                .flatMap(weight -> IntStream.of(1, 2, 3, 7, 20).mapToObj(replicas -> Arguments.of(weight, replicas)));
    }

    @ParameterizedTest(name = "weight {0}% over {1} replicas")
    @MethodSource("weightsAndReplicas")
    void servesTheWeightWithinTwoPointsAtAnyReplicaCount(int weight, int replicas) {
        TrafficSplit[] pods = new TrafficSplit[replicas];
        for (int i = 0; i < replicas; i++) {
            pods[i] = new TrafficSplit(weight);
        }
        Random kubeProxy = new Random(20_261_201L + 31L * weight + replicas);
        int forwarded = 0;
        for (int request = 0; request < REQUESTS; request++) {
            if (pods[kubeProxy.nextInt(replicas)].next()) {
                forwarded++;
            }
        }
        double served = 100.0 * forwarded / REQUESTS;
        assertThat(served).isBetween(weight - 2.0, weight + 2.0);
        // Each pod is off by less than one request, so the service is off by fewer than `replicas` requests.
        assertThat(Math.abs(forwarded - REQUESTS * weight / 100.0)).isLessThan(replicas);
    }

    @Test
    void picksExactlyTheWeightOfEveryHundredAndSpreadsThem() {
        TrafficSplit ten = new TrafficSplit(10);
        StringBuilder picks = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            picks.append(ten.next() ? 'F' : '.');
        }
        assertThat(picks.chars().filter(c -> c == 'F').count()).isEqualTo(10);
        assertThat(picks.toString()).startsWith(".........F.........F");
    }

    @Test
    void zeroNeverPicksAndHundredAlwaysPicks() {
        TrafficSplit never = new TrafficSplit(0);
        TrafficSplit always = new TrafficSplit(100);
        for (int i = 0; i < 1000; i++) {
            assertThat(never.next()).isFalse();
            assertThat(always.next()).isTrue();
        }
    }
}
