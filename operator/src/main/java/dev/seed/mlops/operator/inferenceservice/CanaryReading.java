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
 */
public record CanaryReading(Instant from, Instant to, boolean baselineOnly, boolean podsChanged, long requests, long errors,
        double p99LatencyMs, double predictionDrift, double predictionDriftVsStable) {

    public static CanaryReading baseline(CanaryScrape scrape) {
        return new CanaryReading(scrape.at(), scrape.at(), true, false, 0, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** What happened between two scrapes of the same canary step. */
    public static CanaryReading between(CanaryScrape earlier, CanaryScrape later) {
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
        return new CanaryReading(earlier.at(), later.at(), false, podsChanged, requests, Math.min(errors, requests),
                latency.quantile(0.99) * 1000, later.predictionDrift(),
                PredictionDistributions.psi(later.canaryPredictions(), later.stablePredictions()));
    }

    /** The same traffic over another interval. */
    public CanaryReading withWindow(Instant from, Instant to) {
        return new CanaryReading(from, to, baselineOnly, podsChanged, requests, errors, p99LatencyMs, predictionDrift, predictionDriftVsStable);
    }

    public double errorRate() {
        return requests == 0 ? 0.0 : (double) errors / requests;
    }
}
