package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double of the serving pods: each canary version behaves as the test says, one pod per version whose counters
 * grow by the behaviour's traffic at every scrape, cumulatively like real counters; one stable pod that applies the
 * measured step's split and whose routing counters grow to match.
 */
public final class ScriptedCanaryMetrics implements CanaryMetrics {
    /** Requests and failures a canary version answers between two scrapes; 0 requests is a canary nobody calls. */
    public record Behaviour(long requestsPerInterval, long errorsPerInterval, double p99Ms, double predictionDrift) {
    }

    public static final Behaviour HEALTHY = new Behaviour(500, 0, 8.0, 0.02);
    public static final Behaviour FAILING = new Behaviour(500, 60, 8.0, 0.02);
    public static final Behaviour IDLE = new Behaviour(0, 0, Double.NaN, Double.NaN);

    private final Clock clock;
    private final Map<Long, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<Long, CanaryScrape.PodCounters> counters = new ConcurrentHashMap<>();
    private final Map<Long, RoutedTraffic> routed = new ConcurrentHashMap<>();

    public ScriptedCanaryMetrics(Clock clock) {
        this.clock = clock;
    }

    public void behave(long version, Behaviour behaviour) {
        behaviours.put(version, behaviour);
    }

    @Override
    public CompletableFuture<CanaryScrape> scrape(InferenceService isvc, CanaryKey canary, List<ServingPod> canaryPods, List<ServingPod> stablePods) {
        return CompletableFuture.completedFuture(scrape(canary));
    }

    /** A scrape of the canary of this key's version, as if its one pod were ready, and of one stable pod routing to it. */
    CanaryScrape scrape(CanaryKey key) {
        long version = key.version();
        Behaviour b = behaviours.getOrDefault(version, IDLE);
        CanaryScrape.PodCounters pod = counters.merge(version, grown(null, b), (before, unused) -> grown(before, b));
        RoutedTraffic traffic = routed.merge(version, RoutedTraffic.NONE.plus(step(key, b)), (before, unused) -> before.plus(step(key, b)));
        return new CanaryScrape(clock.instant(), Map.of("pod-v" + version, pod),
                Map.of("pod-stable", new CanaryScrape.PodRouting(traffic, version, key.weight(), key.shadow())), b.predictionDrift(), new long[0], new long[0]);
    }

    /** The stable pod's routing of one interval: the canary's requests forwarded or mirrored, every mirror agreeing. */
    private static RoutedTraffic step(CanaryKey key, Behaviour b) {
        long canary = b.requestsPerInterval();
        if (key.weight() == 0) {
            return new RoutedTraffic(canary, 0, 0, canary, 0, 0, canary, canary, canary, 0, new long[0], new long[0]);
        }
        return new RoutedTraffic(canary * (100 - key.weight()) / key.weight(), canary, 0, 0, 0, 0, 0, 0, 0, 0, new long[0], new long[0]);
    }

    private static CanaryScrape.PodCounters grown(CanaryScrape.PodCounters before, Behaviour b) {
        long requests = (before == null ? 0 : before.requests()) + b.requestsPerInterval();
        long errors = (before == null ? 0 : before.errors()) + b.errorsPerInterval();
        TreeMap<Double, Double> buckets = new TreeMap<>();
        if (!Double.isNaN(b.p99Ms())) {
            buckets.put(b.p99Ms() / 1000, (double) requests);
        }
        buckets.put(Double.POSITIVE_INFINITY, (double) requests);
        return new CanaryScrape.PodCounters(requests, errors, buckets);
    }
}
