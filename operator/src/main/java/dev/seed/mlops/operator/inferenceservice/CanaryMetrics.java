package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where canary analysis reads the serving pods: over HTTP from the pods themselves, or a test double. */
public interface CanaryMetrics {
    /**
     * Scrapes the ready pods of the canary and of the stable version, all at once; runs off the reconcile threads.
     *
     * @param canary     the canary step being measured
     * @param canaryPods the canary's ready pods, from the informer cache
     * @param stablePods the stable version's ready pods
     */
    CompletableFuture<CanaryScrape> scrape(InferenceService isvc, CanaryKey canary, List<ServingPod> canaryPods, List<ServingPod> stablePods);

    /** A ready serving pod: its uid (a replaced pod is another pod) and its IP. */
    record ServingPod(String uid, String ip) {
    }
}
