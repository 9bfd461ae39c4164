package dev.seed.mlops.operator.training.search;

import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchAlgorithm;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import java.util.List;
import java.util.Map;

/**
 * Which trials a search runs, in index order, and when each may start: independent trials (random, grid) start as soon
 * as there is room; a successive halving rung waits for the rung before it. Pure: a function of the spec and of the
 * trials recorded in status.
 */
interface TrialSchedule {

    /** What trial n is now: ready with its values, waiting for earlier trials to end, or never to run. */
    record Next(Map<String, String> parameters, String skipped) {
        static final Next WAIT = new Next(null, null);

        static Next ready(Map<String, String> parameters) {
            return new Next(parameters, null);
        }

        static Next skip(String why) {
            return new Next(null, why);
        }

        boolean waiting() {
            return parameters == null && skipped == null;
        }
    }

    static TrialSchedule of(Search search, Map<String, String> hyperparameters) {
        SearchSpace space = new SearchSpace(search);
        return search.getAlgorithm() == SearchAlgorithm.successiveHalving ? SuccessiveHalvingSchedule.of(search, hyperparameters, space)
                : new IndependentTrials(space);
    }

    /** How many trials the search runs (some may be skipped). */
    int total();

    /** Trial n, given every trial recorded so far (trials 0..n-1, in any order). */
    Next next(int n, List<TrialStatus> trials);

    /** The rung of trial n: a trial of a later rung trained more, and only the last rung's trials can be the best. */
    int rung(int n);

    /** Random and grid: every trial's values are known from the start. */
    record IndependentTrials(SearchSpace space) implements TrialSchedule {
        @Override
        public int total() {
            return space.totalTrials();
        }

        @Override
        public Next next(int n, List<TrialStatus> trials) {
            return Next.ready(space.trial(n));
        }

        @Override
        public int rung(int n) {
            return 0;
        }
    }
}
