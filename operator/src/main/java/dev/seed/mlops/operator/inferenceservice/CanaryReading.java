package dev.seed.mlops.operator.inferenceservice;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The canary's traffic over one analysis interval: the difference of two scrapes taken for the same {@link CanaryKey},
 * or only the scrape that starts the interval.
 *
 * @param from         the scrape that starts the interval
 * @param to           the scrape that ends it
 * @param baselineOnly the first scrape of a step: it starts an interval and measures nothing
 * @param podsChanged  a canary pod appeared, restarted or went away during the interval: its counters cannot be compared
 * @param routed       what the stable pods did with their requests over the interval (pods that restarted left out)
 * @param routingStale a stable pod did not apply the step's split at the start or the end of the interval
 */
public record CanaryReading(Instant from, Instant to, boolean baselineOnly, boolean podsChanged, long requests, long errors,
        double p99LatencyMs, double predictionDrift, double predictionDriftVsStable, RoutedTraffic routed, boolean routingStale) {

    public static CanaryReading baseline(CanaryScrape scrape) {
        return new CanaryReading(scrape.at(), scrape.at(), true, false, 0, 0, Double.NaN, Double.NaN, Double.NaN, RoutedTraffic.NONE, false);
    }

    /** What happened between two scrapes of the same canary step. */
    public static CanaryReading between(CanaryKey key, CanaryScrape earlier, CanaryScrape later) {
        boolean podsChanged = !earlier.canaryPods().keySet().equals(later.canaryPods().keySet());
        long requests = 0;
        long errors = 0;
        LatencyHistogram latency = new LatencyHistogram();
        for (Map.Entry<String, CanaryScrape.PodCounters> pod : later.canaryPods().entrySet()) {
            Optional<CanaryScrape.PodCounters> before = Optional.ofNullable(earlier.canaryPods().get(pod.getKey()));
            if (before.isEmpty() || pod.getValue().requests() < before.get().requests()) {
                podsChanged = true; // a new pod, or counters that went back: the process restarted
                continue;
            }
            requests += pod.getValue().requests() - before.get().requests();
            errors += Math.max(0, pod.getValue().errors() - before.get().errors());
            pod.getValue().buckets().forEach((le, count) ->
                    latency.add(le, count - before.get().buckets().getOrDefault(le, 0.0)));
        }
        RoutedTraffic routed = routedBetween(earlier, later);
        boolean routingStale = !earlier.stablePods().values().stream().allMatch(p -> p.applies(key))
                || !later.stablePods().values().stream().allMatch(p -> p.applies(key));
        // At a shadow step both versions answered the same rows: compare those rather than two different windows.
        double vsStable = routed.rows() > 0 ? routed.shadowPsi() : PredictionDistributions.psi(later.canaryPredictions(), later.stablePredictions());
        return new CanaryReading(earlier.at(), later.at(), false, podsChanged, requests, Math.min(errors, requests),
                latency.quantile(0.99) * 1000, later.predictionDrift(), vsStable, routed, routingStale);
    }

    /** The stable pods' routing over the interval; a pod that is new or restarted is left out, as its counters began later. */
    private static RoutedTraffic routedBetween(CanaryScrape earlier, CanaryScrape later) {
        RoutedTraffic sum = RoutedTraffic.NONE;
        for (Map.Entry<String, CanaryScrape.PodRouting> pod : later.stablePods().entrySet()) {
            CanaryScrape.PodRouting before = earlier.stablePods().get(pod.getKey());
            if (before != null && !pod.getValue().traffic().restartedSince(before.traffic())) {
                sum = sum.plus(pod.getValue().traffic().minus(before.traffic()));
            }
        }
        return sum;
    }

    /** The same traffic over another interval. */
    public CanaryReading withWindow(Instant from, Instant to) {
        return new CanaryReading(from, to, baselineOnly, podsChanged, requests, errors, p99LatencyMs, predictionDrift, predictionDriftVsStable,
                routed, routingStale);
    }

    public double errorRate() {
        return requests == 0 ? 0.0 : (double) errors / requests;
    }
}
