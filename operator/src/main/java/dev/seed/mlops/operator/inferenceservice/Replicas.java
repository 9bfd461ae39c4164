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

    /**
     * Replicas per version, surge first: each version gets its target, except that a version above its target gives
     * up ready pods only as far as the ready pods of all versions stay at the total (the largest surplus first).
     */
    public static int[] surgeFirst(int total, int[] targets, int[] ready) {
        int budget = Math.max(0, java.util.Arrays.stream(ready).sum() - total);
        int[] desired = targets.clone();
        Integer[] bySurplus = java.util.stream.IntStream.range(0, targets.length).boxed()
                .sorted((a, b) -> Integer.compare(ready[b] - targets[b], ready[a] - targets[a])).toArray(Integer[]::new);
        for (int i : bySurplus) {
            if (ready[i] > targets[i]) {
                int shed = Math.min(ready[i] - targets[i], budget);
                budget -= shed;
                desired[i] = ready[i] - shed;
            }
        }
        return desired;
    }

    /** The share of ready pods that run the canary, in percent: the share of requests it really answers. */
    public static Integer servedWeight(int canaryReady, int stableReady) {
        int ready = canaryReady + stableReady;
        return ready == 0 ? null : (int) Math.round(100.0 * canaryReady / ready);
    }
}
