package dev.seed.mlops.operator.inferenceservice;

/**
 * How a canary weight becomes replica counts, since traffic splits by replica ratio: the canary gets its share of the
 * pods (at least one), the stable version keeps at least one pod until the canary reaches 100%.
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
}
