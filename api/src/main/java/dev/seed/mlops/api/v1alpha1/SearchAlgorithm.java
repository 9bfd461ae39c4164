package dev.seed.mlops.api.v1alpha1;

/** How a search picks its trials. */
public enum SearchAlgorithm {
    /** Independent draws from the space, seeded. */
    random,
    /** Every combination of the values, in order (ranges only as integers, every integer). */
    grid,
    /**
     * Successive halving on boosting rounds (Jamieson and Talwalkar, 2016): seeded draws train a few rounds, the best
     * of each rung train more, up to num_round (see {@link SuccessiveHalving}).
     */
    successiveHalving
}
