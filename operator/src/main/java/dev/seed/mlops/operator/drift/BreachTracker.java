package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.RetrainSpec;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When drift counts, and when it may retrain: hysteresis, cooldown and a daily limit, as a plain state machine.
 * <ul>
 * <li>A breach is <em>sustained</em> after {@code consecutiveBreaches} breaching evaluations in a row; one clear
 * evaluation resets the count.</li>
 * <li>An inconclusive evaluation (fewer samples than minSamples, or nothing scored) is no evidence either way: it
 * neither counts as a breach nor resets the count. A quiet night with little traffic so neither hides a drift that
 * was building up nor fakes one.</li>
 * <li>A trigger starts the count again at zero: the next retrain needs a new sustained streak.</li>
 * <li>A sustained breach triggers only when allowed (action Retrain and no retrain of this policy in flight), at
 * least {@code cooldown} after the last trigger, and at most {@code maxPerDay} times in any 24 hours. Otherwise it
 * is suppressed, and triggers at the first evaluation after the limit passes if the drift is still there.</li>
 * </ul>
 */
public final class BreachTracker {
    static final Duration DAY = Duration.ofHours(24);

    public enum Reading { BREACH, CLEAR, INCONCLUSIVE }

    public enum Outcome {
        /** No evidence; the count holds. */
        INCONCLUSIVE,
        /** Below the threshold; the count is zero. */
        CLEAR,
        /** Breaching, but not yet for long enough. */
        BREACHING,
        /** Breaching for long enough, with no retrain to start (AlertOnly, or one is in flight). */
        SUSTAINED,
        /** Start a retrain now. */
        TRIGGER,
        /** Sustained, but cooldown or maxPerDay forbid a retrain now. */
        SUPPRESSED
    }

    public record Limits(int consecutiveBreaches, Duration cooldown, int maxPerDay) {
    }

    /**
     * @param lastTriggered  the last trigger, or null
     * @param recentTriggers earlier triggers; those older than 24 hours are dropped
     */
    public record State(int consecutiveBreaches, Instant lastTriggered, List<Instant> recentTriggers) {
    }

    /**
     * @param newlySustained  the breach became sustained with this evaluation (the moment to tell someone)
     * @param cleared         a sustained breach ended with this evaluation
     * @param suppressedUntil when SUPPRESSED: the first time a retrain may start
     * @param suppressedWhy   when SUPPRESSED: which limit, in words
     */
    public record Step(Outcome outcome, int consecutiveBreaches, List<Instant> recentTriggers, boolean newlySustained,
            boolean cleared, Instant suppressedUntil, String suppressedWhy) {
    }

    private final Limits limits;

    public BreachTracker(Limits limits) {
        this.limits = limits;
    }

    /** A tracker of a streak of {@code consecutiveBreaches}, with the retrain section's cooldown and maxPerDay (none without one). */
    static BreachTracker of(int consecutiveBreaches, RetrainSpec retrain) {
        return new BreachTracker(new Limits(consecutiveBreaches,
                retrain == null ? Duration.ZERO : Durations.parse(retrain.getCooldown()),
                retrain == null ? Integer.MAX_VALUE : retrain.getMaxPerDay()));
    }

    /** A streak of {@code consecutiveBreaches} so far, with the policy's triggers as status records them. */
    static State stateOf(int consecutiveBreaches, DriftPolicyStatus status) {
        Instant last = Optional.ofNullable(status.getLastTriggered()).map(RetrainTrigger::getTime).map(Timestamps::parse).orElse(null);
        return new State(consecutiveBreaches, last,
                Optional.ofNullable(status.getRecentTriggers()).orElse(List.of()).stream().map(Timestamps::parse).toList());
    }

    /**
     * @param mayRetrain whether a sustained breach should start a retrain at all (action Retrain, none in flight)
     */
    public Step next(State state, Reading reading, boolean mayRetrain, Instant now) {
        List<Instant> recent = new ArrayList<>(state.recentTriggers().stream()
                .filter(t -> t.isAfter(now.minus(DAY)))
                .sorted().toList());
        boolean wasSustained = state.consecutiveBreaches() >= limits.consecutiveBreaches();
        return switch (reading) {
            case INCONCLUSIVE -> new Step(Outcome.INCONCLUSIVE, state.consecutiveBreaches(), recent, false, false, null, null);
            case CLEAR -> new Step(Outcome.CLEAR, 0, recent, false, wasSustained, null, null);
            case BREACH -> breach(state, mayRetrain, now, recent, wasSustained);
        };
    }

    private Step breach(State state, boolean mayRetrain, Instant now, List<Instant> recent, boolean wasSustained) {
        int count = state.consecutiveBreaches() + 1;
        if (count < limits.consecutiveBreaches()) {
            return new Step(Outcome.BREACHING, count, recent, false, false, null, null);
        }
        boolean newly = !wasSustained;
        if (!mayRetrain) {
            return new Step(Outcome.SUSTAINED, count, recent, newly, false, null, null);
        }
        if (state.lastTriggered() != null && state.lastTriggered().plus(limits.cooldown()).isAfter(now)) {
            Instant until = state.lastTriggered().plus(limits.cooldown());
            return new Step(Outcome.SUPPRESSED, count, recent, newly, false, until,
                    "cooldown: the last retrain was at " + state.lastTriggered() + ", the next may start at " + until);
        }
        if (recent.size() >= limits.maxPerDay()) {
            Instant until = recent.stream().min(Comparator.naturalOrder()).orElseThrow().plus(DAY);
            return new Step(Outcome.SUPPRESSED, count, recent, newly, false, until,
                    "maxPerDay: " + recent.size() + " retrains in the last 24 hours (limit " + limits.maxPerDay()
                            + "), the next may start at " + until);
        }
        recent.add(now);
        return new Step(Outcome.TRIGGER, 0, recent, newly, false, null, null);
    }
}
