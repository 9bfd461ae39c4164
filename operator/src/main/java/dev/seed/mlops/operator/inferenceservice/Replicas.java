package dev.seed.mlops.operator.inferenceservice;

/**
 * How a canary weight becomes replica counts, since traffic splits by replica ratio: the canary gets its share of the
 * pods (at least one), the stable version keeps at least one pod until the canary reaches 100%. Surge first: the stable
 * version gives up a pod only once a canary pod is ready to take its place.
 */
public final class Replicas {
    private Replicas() {
    }

    public static int canary(int total, int weight) {
        return Math.max(1, (int) Math.round(total * weight / 100.0));
    }

    public static int stable(int total, int weight) {
        return weight >= 100 ? 0 : Math.max(1, total - canary(total, weight));
    }

    /** The stable version's pods while the canary's come up: never fewer than total minus the canary's ready pods. */
    public static int stableWhileCanaryStarts(int total, int weight, int canaryReady) {
        return Math.min(total, Math.max(stable(total, weight), total - canaryReady));
    }

    /** The share of ready pods that run the canary, in percent: the share of requests it really answers. */
    public static Integer servedWeight(int canaryReady, int stableReady) {
        int ready = canaryReady + stableReady;
        return ready == 0 ? null : (int) Math.round(100.0 * canaryReady / ready);
    }
}
