package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.cron.CronSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * retrain.schedule, one pure step of {@link DriftPlanner}: a retrain on fresh data whenever the schedule comes due,
 * whatever drift and quality say. One due while a retrain is in flight is skipped (an event says so), like a CronJob
 * that forbids concurrency; after downtime only the latest missed one starts. Cooldown and maxPerDay hold back
 * breach-triggered retrains only; a scheduled one starts the cooldown like any other. The due time is kept in status,
 * so a restart neither repeats nor loses one.
 */
final class ScheduledRetrains {
    /** @param trigger the reason of a retrain to start now */
    record Outcome(Optional<String> trigger, Optional<Instant> wakeUp) {
    }

    private ScheduledRetrains() {
    }

    /** @param specChanged whether the spec changed since status was written: the due time follows a new schedule */
    static Outcome step(DriftPolicySpec spec, DriftPolicyStatus status, boolean specChanged, Instant now, List<DriftPlan.Event> events) {
        String schedule = spec.getRetrain() == null ? null : spec.getRetrain().getSchedule();
        if (schedule == null || spec.getAction() != DriftAction.Retrain) {
            status.setNextScheduledRetrain(null);
            return new Outcome(Optional.empty(), Optional.empty());
        }
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            status.setNextScheduledRetrain(null);
            events.add(new DriftPlan.Event(true, EventReason.InvalidSchedule, "retrain.schedule '" + schedule + "' cannot be read: "
                    + e.getMessage() + "; no scheduled retrain starts until it is fixed"));
            return new Outcome(Optional.empty(), Optional.empty());
        }
        if (status.getNextScheduledRetrain() == null || specChanged) {
            Optional<Instant> first = cron.next(now);
            status.setNextScheduledRetrain(first.map(Timestamps::format).orElse(null));
            return new Outcome(Optional.empty(), first);
        }
        Instant due = Timestamps.parse(status.getNextScheduledRetrain());
        if (now.isBefore(due)) {
            return new Outcome(Optional.empty(), Optional.of(due));
        }
        Optional<Instant> next = cron.next(now);
        status.setNextScheduledRetrain(next.map(Timestamps::format).orElse(null));
        String when = RetrainCause.SCHEDULE + " due at " + Timestamps.format(due) + " (retrain.schedule '" + schedule + "')";
        if (RetrainTracking.inFlight(status.getLastTriggered())) {
            events.add(new DriftPlan.Event(false, EventReason.ScheduledRetrainSkipped, when + " skipped: retrain "
                    + status.getLastTriggered().getTrainingJob() + " is still in flight; the next is due at " + status.getNextScheduledRetrain()));
            return new Outcome(Optional.empty(), next);
        }
        return new Outcome(Optional.of(when), next);
    }
}
