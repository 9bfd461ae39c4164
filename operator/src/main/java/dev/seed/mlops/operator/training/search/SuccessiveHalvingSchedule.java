package dev.seed.mlops.operator.training.search;

import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SuccessiveHalving;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Successive halving on XGBoost's boosting rounds (synchronous, as Jamieson and Talwalkar describe it; no library):
 * rung 0 trains seeded draws from the space for minRounds rounds; each later rung trains the best 1/reductionFactor
 * of the rung before (by the objective; ties: the earlier trial) for reductionFactor times as many rounds, the last
 * rung num_round. A rung starts once every trial of the one before has ended. Trials are numbered rung by rung, so trial
 * n's rung and place follow from the spec alone; its values from the spec and the trials recorded in status.
 *
 * <p>Rung sizes: the first rung as large as maxTrials allows with each later rung 1/reductionFactor of it (at least
 * one); when maxTrials cannot hold one trial per rung, the rungs of fewest rounds go.
 */
final class SuccessiveHalvingSchedule implements TrialSchedule {
    static final String NUM_ROUND = "num_round";

    /** A rung: how many rounds its trials train, how many trials it has, and the index of its first trial. */
    record Rung(int rounds, int size, int first) {
    }

    private final SearchSpace space;
    private final List<Rung> rungs;
    private final Comparator<TrialStatus> bestFirst;

    private SuccessiveHalvingSchedule(SearchSpace space, List<Rung> rungs, Comparator<TrialStatus> bestFirst) {
        this.space = space;
        this.rungs = rungs;
        this.bestFirst = bestFirst;
    }

    static SuccessiveHalvingSchedule of(Search search, Map<String, String> hyperparameters, SearchSpace space) {
        SuccessiveHalving settings = search.getSuccessiveHalving() == null ? new SuccessiveHalving() : search.getSuccessiveHalving();
        int maxRounds = Integer.parseInt(hyperparameters.get(NUM_ROUND).strip());
        return new SuccessiveHalvingSchedule(space, rungs(search.getMaxTrials(), settings.getMinRounds(), maxRounds, settings.getReductionFactor()),
                SearchPlanner.bestFirst(search.getObjective().getDirection()));
    }

    /** The rungs for at most maxTrials trials, rounds growing by the factor from minRounds and ending at maxRounds. */
    static List<Rung> rungs(int maxTrials, int minRounds, int maxRounds, int factor) {
        List<Integer> rounds = new ArrayList<>();
        for (long r = Math.min(minRounds, maxRounds); r < maxRounds; r *= factor) {
            rounds.add((int) r);
        }
        rounds.add(maxRounds);
        while (rounds.size() > maxTrials) {
            rounds.remove(0);
        }
        int first = 1;
        while (trials(first + 1, rounds.size(), factor) <= maxTrials) {
            first++;
        }
        List<Rung> rungs = new ArrayList<>();
        int index = 0;
        long divisor = 1;
        for (int round : rounds) {
            int size = (int) Math.max(1, first / divisor);
            rungs.add(new Rung(round, size, index));
            index += size;
            divisor = Math.min(divisor * factor, Integer.MAX_VALUE);
        }
        return List.copyOf(rungs);
    }

    private static long trials(int first, int rungCount, int factor) {
        long total = 0;
        long divisor = 1;
        for (int k = 0; k < rungCount; k++) {
            total += Math.max(1, first / divisor);
            divisor = Math.min(divisor * factor, Integer.MAX_VALUE);
        }
        return total;
    }

    List<Rung> rungs() {
        return rungs;
    }

    @Override
    public int total() {
        Rung last = rungs.get(rungs.size() - 1);
        return last.first() + last.size();
    }

    @Override
    public int rung(int n) {
        for (int k = rungs.size() - 1; k >= 0; k--) {
            if (n >= rungs.get(k).first()) {
                return k;
            }
        }
        throw new IllegalArgumentException("trial " + n);
    }

    @Override
    public Next next(int n, List<TrialStatus> trials) {
        int k = rung(n);
        Rung rung = rungs.get(k);
        if (k == 0) {
            return Next.ready(withRounds(space.trial(n), rung.rounds()));
        }
        Rung before = rungs.get(k - 1);
        List<TrialStatus> previous = trials.stream().filter(t -> t.getIndex() >= before.first() && t.getIndex() < rung.first()).toList();
        if (previous.size() < before.size() || previous.stream().anyMatch(t -> SearchPlanner.RUNNING.equals(t.getState()))) {
            return Next.WAIT;
        }
        List<TrialStatus> promoted = previous.stream().filter(t -> SearchPlanner.SUCCEEDED.equals(t.getState())).sorted(bestFirst).toList();
        int place = n - rung.first();
        if (place >= promoted.size()) {
            return Next.skip("not run: rung " + (k - 1) + " has " + promoted.size() + " succeeded configurations to promote to rung " + k
                    + ", not " + (place + 1));
        }
        return Next.ready(withRounds(promoted.get(place).getParameters(), rung.rounds()));
    }

    private static Map<String, String> withRounds(Map<String, String> parameters, int rounds) {
        Map<String, String> values = new LinkedHashMap<>(parameters);
        values.put(NUM_ROUND, Integer.toString(rounds));
        return values;
    }
}
