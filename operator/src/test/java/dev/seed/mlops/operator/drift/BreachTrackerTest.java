package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.drift.BreachTracker.Reading.BREACH;
import static dev.seed.mlops.operator.drift.BreachTracker.Reading.CLEAR;
import static dev.seed.mlops.operator.drift.BreachTracker.Reading.INCONCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.operator.drift.BreachTracker.Outcome;
import dev.seed.mlops.operator.drift.BreachTracker.State;
import dev.seed.mlops.operator.drift.BreachTracker.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreachTrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final BreachTracker tracker = new BreachTracker(new BreachTracker.Limits(3, Duration.ofHours(6), 2));

    @Test
    void triggersOnTheThirdBreachInARowAndStartsCountingAgain() {
        List<Step> steps = run(new State(0, null, List.of()), true, BREACH, BREACH, BREACH, BREACH);

        assertThat(steps).extracting(Step::outcome).containsExactly(Outcome.BREACHING, Outcome.BREACHING, Outcome.TRIGGER, Outcome.BREACHING);
        assertThat(steps).extracting(Step::consecutiveBreaches).containsExactly(1, 2, 0, 1);
        assertThat(steps.get(2).newlySustained()).isTrue();
        assertThat(steps.get(2).recentTriggers()).containsExactly(T0.plusSeconds(120));
    }

    @Test
    void aClearCheckResetsTheStreak() {
        List<Step> steps = run(new State(0, null, List.of()), true, BREACH, BREACH, CLEAR, BREACH, BREACH);

        assertThat(steps).extracting(Step::consecutiveBreaches).containsExactly(1, 2, 0, 1, 2);
        assertThat(steps).extracting(Step::outcome).doesNotContain(Outcome.TRIGGER);
    }

    @Test
    void anInconclusiveCheckNeitherCountsNorResets() {
        List<Step> steps = run(new State(0, null, List.of()), true, BREACH, BREACH, INCONCLUSIVE, INCONCLUSIVE, BREACH);

        assertThat(steps).extracting(Step::outcome)
                .containsExactly(Outcome.BREACHING, Outcome.BREACHING, Outcome.INCONCLUSIVE, Outcome.INCONCLUSIVE, Outcome.TRIGGER);
        assertThat(steps).extracting(Step::consecutiveBreaches).containsExactly(1, 2, 2, 2, 0);
    }

    @Test
    void inconclusiveChecksAloneNeverTrigger() {
        List<Step> steps = run(new State(2, null, List.of()), true, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE, INCONCLUSIVE);

        assertThat(steps).extracting(Step::outcome).containsOnly(Outcome.INCONCLUSIVE);
    }

    @Test
    void withoutLeaveToRetrainASustainedBreachOnlyStaysSustained() {
        List<Step> steps = run(new State(0, null, List.of()), false, BREACH, BREACH, BREACH, BREACH, CLEAR);

        assertThat(steps).extracting(Step::outcome)
                .containsExactly(Outcome.BREACHING, Outcome.BREACHING, Outcome.SUSTAINED, Outcome.SUSTAINED, Outcome.CLEAR);
        assertThat(steps).extracting(Step::newlySustained).containsExactly(false, false, true, false, false);
        assertThat(steps).extracting(Step::cleared).containsExactly(false, false, false, false, true);
        assertThat(steps).extracting(Step::consecutiveBreaches).containsExactly(1, 2, 3, 4, 0);
    }

    @Test
    void cooldownSuppressesUntilItHasPassed() {
        Instant last = T0.minus(Duration.ofHours(5));
        Step suppressed = tracker.next(new State(2, last, List.of(last)), BREACH, true, T0);
        Step later = tracker.next(new State(3, last, List.of(last)), BREACH, true, T0.plus(Duration.ofHours(1)));

        assertThat(suppressed.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(suppressed.suppressedUntil()).isEqualTo(last.plus(Duration.ofHours(6)));
        assertThat(suppressed.suppressedWhy()).startsWith("cooldown");
        assertThat(suppressed.consecutiveBreaches()).isEqualTo(3);
        assertThat(later.outcome()).isEqualTo(Outcome.TRIGGER);
    }

    @Test
    void maxPerDayCountsTheLast24HoursOnly() {
        BreachTracker noCooldown = new BreachTracker(new BreachTracker.Limits(1, Duration.ZERO, 2));
        List<Instant> two = List.of(T0.minus(Duration.ofHours(23)), T0.minus(Duration.ofHours(1)));

        Step suppressed = noCooldown.next(new State(0, two.get(1), two), BREACH, true, T0);
        Step afterTheFirstAged = noCooldown.next(new State(1, two.get(1), two), BREACH, true, T0.plus(Duration.ofHours(1)).plusSeconds(1));

        assertThat(suppressed.outcome()).isEqualTo(Outcome.SUPPRESSED);
        assertThat(suppressed.suppressedWhy()).startsWith("maxPerDay: 2 retrains in the last 24 hours (limit 2)");
        assertThat(suppressed.suppressedUntil()).isEqualTo(two.get(0).plus(Duration.ofHours(24)));
        assertThat(afterTheFirstAged.outcome()).isEqualTo(Outcome.TRIGGER);
        assertThat(afterTheFirstAged.recentTriggers()).containsExactly(two.get(1), T0.plus(Duration.ofHours(1)).plusSeconds(1));
    }

    /** One step a minute, each from the state the last one left. */
    private List<Step> run(State start, boolean mayRetrain, BreachTracker.Reading... readings) {
        List<Step> steps = new ArrayList<>();
        State state = start;
        Instant now = T0;
        for (BreachTracker.Reading reading : readings) {
            Step step = tracker.next(state, reading, mayRetrain, now);
            steps.add(step);
            Instant last = step.outcome() == Outcome.TRIGGER ? now : state.lastTriggered();
            state = new State(step.consecutiveBreaches(), last, step.recentTriggers());
            now = now.plusSeconds(60);
        }
        return steps;
    }
}
