package dev.seed.mlops.operator.inferenceservice;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The previous scrape of each service's canary step, so each scrape ends one analysis interval and starts the next.
 * Kept in memory: after an operator restart the first scrape only starts an interval, which costs one interval and
 * never judges traffic from before the step.
 */
final class CanaryIntervals {
    private final Map<ResourceID, Map.Entry<CanaryKey, CanaryScrape>> previous = new ConcurrentHashMap<>();

    CanaryReading next(ResourceID service, CanaryKey key, CanaryScrape scrape) {
        Map.Entry<CanaryKey, CanaryScrape> before = previous.put(service, Map.entry(key, scrape));
        return before == null || !before.getKey().equals(key) ? CanaryReading.baseline(scrape) : CanaryReading.between(key, before.getValue(), scrape);
    }

    void forget(ResourceID service) {
        previous.remove(service);
    }
}
