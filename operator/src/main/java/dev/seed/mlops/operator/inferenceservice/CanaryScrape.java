package dev.seed.mlops.operator.inferenceservice;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What the serving pods reported at one instant: cumulative counters of every ready canary pod and the routing of every
 * ready stable pod (keyed by pod uid, so a restarted or replaced pod is recognised), and the prediction histograms of
 * the current windows.
 *
 * @param canaryPods            cumulative counters per ready canary pod
 * @param stablePods            what each ready stable pod routes and its cumulative routing counters
 * @param predictionDrift       PSI of the canary pods' pooled predictions against the distribution the canary predicted
 *                              on its test split at training time; NaN when unknown
 * @param canaryPredictions     the canary pods' predictions on the bins every version of the model shares
 * @param stablePredictions     the stable pods' predictions on the same bins
 */
public record CanaryScrape(Instant at, Map<String, PodCounters> canaryPods, Map<String, PodRouting> stablePods, double predictionDrift,
        long[] canaryPredictions, long[] stablePredictions) {

    /**
     * @param buckets cumulative latency histogram: upper bound in seconds to count
     */
    public record PodCounters(long requests, long errors, NavigableMap<Double, Double> buckets) {
    }

    /**
     * @param canaryVersion the canary the pod routes to, 0 when it routes to none
     * @param weight        the share it forwards, in percent
     * @param shadow        the share it mirrors, in percent
     */
    public record PodRouting(RoutedTraffic traffic, long canaryVersion, int weight, int shadow) {
        boolean applies(CanaryKey key) {
            return canaryVersion == key.version() && weight == key.weight() && shadow == key.shadow();
        }
    }
}
