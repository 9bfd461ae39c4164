package dev.seed.mlops.operator.inferenceservice;

/**
 * How many pods a canary runs. Traffic no longer splits by replica ratio (the stable pods route, docs/routing.md), so
 * the stable version keeps all its pods through the replacement (they receive every request) and the canary gets pods
 * in proportion to the share of requests it answers or receives as mirrors, at least one.
 */
public final class Replicas {
    private Replicas() {
    }

    /** @param share percent of requests the canary answers or receives as mirrors */
    public static int canary(int total, int share) {
        return Math.max(1, (int) Math.ceil(total * share / 100.0));
    }
}
