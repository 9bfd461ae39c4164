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
 * grow by the behaviour's traffic at every scrape, cumulatively like real counters.
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

    public ScriptedCanaryMetrics(Clock clock) {
        this.clock = clock;
    }

    public void behave(long version, Behaviour behaviour) {
        behaviours.put(version, behaviour);
    }

    @Override
    public CompletableFuture<CanaryScrape> scrape(InferenceService isvc, CanaryKey canary, List<ServingPod> canaryPods, List<ServingPod> stablePods) {
        return CompletableFuture.completedFuture(scrape(canary.version()));
    }

    /** A scrape of the canary of this version, as if its one pod were ready. */
    CanaryScrape scrape(long version) {
        Behaviour b = behaviours.getOrDefault(version, IDLE);
        CanaryScrape.PodCounters pod = counters.merge(version, grown(null, b), (before, unused) -> grown(before, b));
        return new CanaryScrape(clock.instant(), Map.of("pod-v" + version, pod), b.predictionDrift(), new long[0], new long[0]);
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
