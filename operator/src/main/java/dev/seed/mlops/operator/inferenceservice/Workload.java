package dev.seed.mlops.operator.inferenceservice;

/**
 * A serving version's Deployment as the cache shows it.
 *
 * @param replicas its spec.replicas (null: never set)
 * @param ready    pods that loaded the model and pass readiness
 */
public record Workload(long version, Integer replicas, int ready) {
}
