package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.FeatureScore;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.Measurements.Measured;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every decision of a DriftPolicy, as a pure function of (spec, status, observation, now):
 * <ol>
 * <li>the last retrain's progress, and its end: promoted, failed (TrainingJob failed or gone, version rejected,
 * deadline passed) or rolled back ({@link RetrainTracking});</li>
 * <li>whether an evaluation is due (every checkInterval on the policy's own slots, {@link CheckSlots}; at once for a
 * new spec or serving version), asking for a
 * reading keyed by version and due time (ahead, to be taken when due), and taking only the reading of that key: a failed reading degrades the
 * policy, a missing or late one is Inconclusive, neither counts as "no drift";</li>
 * <li>the breach streak, cooldown and maxPerDay ({@link BreachTracker}), and the retrain a sustained breach starts;</li>
 * <li>conditions, phase, events, and when to look again.</li>
 * </ol>
 * All it needs to resume is in status, so an operator restarted at any point decides the same.
 */
public final class DriftPlanner {
    /** A reading not back this long after its evaluation was due is late: that evaluation is Inconclusive. */
    static final Duration READING_DEADLINE = Duration.ofSeconds(30);
    static final String NO_DRIFT = "NoDrift";
    /** The Ready reason while the served version has no drift baseline: its readings can never score a feature. */
    static final String NO_BASELINE = "NoBaseline";

    private final String policy;
    private final String uid;
    private final DriftPolicySpec spec;
    private final long generation;
    private final DriftPolicyStatus before;
    private final DriftPolicyStatus status;
    private final DriftObservation seen;
    private final Instant now;
    private final List<DriftPlan.Event> events = new ArrayList<>();
    private Optional<ReadingKey> measure = Optional.empty();
    private Optional<DriftPlan.RetrainOrder> retrain = Optional.empty();
    private Optional<Map<String, Double>> scores = Optional.empty();
    private Optional<RetrainState> retrainEnded = Optional.empty();
    private Optional<DriftPlan.QualityJobOrder> qualityJob = Optional.empty();
    private Optional<List<DriftPlan.QualityGauge>> quality = Optional.empty();
    /** The provider's error when this pass read one; empty when it read scores; null when it read nothing. */
    private Optional<String> providerError;
    private Instant wakeUp;

    private DriftPlanner(String policy, String uid, DriftPolicySpec spec, long generation, DriftPolicyStatus current, DriftObservation seen,
            Instant now) {
        this.policy = policy;
        this.uid = uid;
        this.spec = spec;
        this.generation = generation;
        this.before = current;
        this.status = StatusCopies.copyOrNew(current, DriftPolicyStatus.class, DriftPolicyStatus::new);
        this.seen = seen;
        this.now = now;
        // At the latest when a check asked for now would be late: its reading, asked for ahead, wakes the policy sooner.
        this.wakeUp = now.plus(Durations.parse(spec.getCheckInterval())).plus(READING_DEADLINE);
    }

    /**
     * @param policy     the policy's name (its TrainingJobs are named after it)
     * @param uid        the policy's metadata.uid: where in the interval its checks fall ({@link CheckSlots})
     * @param generation the policy's metadata.generation
     * @param current    the status as read, null for a new policy
     */
    public static DriftPlan next(String policy, String uid, DriftPolicySpec spec, long generation, DriftPolicyStatus current,
            DriftObservation seen, Instant now) {
        return new DriftPlanner(policy, uid, spec, generation, current, seen, now).plan();
    }

    /** A policy without a uid (not stored yet): its checks fall on the slots of offset 0. */
    public static DriftPlan next(String policy, DriftPolicySpec spec, long generation, DriftPolicyStatus current, DriftObservation seen,
            Instant now) {
        return next(policy, null, spec, generation, current, seen, now);
    }

    private DriftPlan plan() {
        trackRetrain();
        Optional<DriftObservation.Target> target = seen.target();
        if (target.isEmpty()) {
            String message = "InferenceService " + spec.getTargetRef().getName() + " does not exist; create it or fix spec.targetRef.name";
            ready(ConditionStatus.False, EventReason.TargetNotFound.name(), message);
            degraded(EventReason.TargetNotFound, message);
        } else if (target.get().stableVersion() == null) {
            ready(ConditionStatus.False, "NotServing", "InferenceService " + target.get().name()
                    + " serves no version yet; drift is measured once it does");
            degradedUnlessRetrainEnded();
        } else {
            evaluate(target.get());
            degradedUnlessRetrainEnded();
        }
        // After drift, so that a retrain drift started in this pass is in flight for the next two.
        evaluateQuality(target);
        retrainOnSchedule();
        status.setPhase(phase());
        status.setObservedGeneration(generation);
        Duration requeue = Duration.between(now, wakeUp);
        return new DriftPlan(status, measure, retrain, List.copyOf(events), scores, retrainEnded, qualityJob, quality,
                requeue.isNegative() ? Duration.ZERO : requeue);
    }

    private void evaluateQuality(Optional<DriftObservation.Target> target) {
        QualityEvaluations.Outcome outcome = new QualityEvaluations(policy, spec, status, generation, now, events)
                .step(target, seen.qualityJob(), mayRetrain());
        qualityJob = outcome.start();
        quality = outcome.gauges();
        outcome.wakeUp().ifPresent(this::wakeUp);
        outcome.trigger().ifPresent(this::trigger);
    }

    private void retrainOnSchedule() {
        boolean specChanged = before != null && !Objects.equals(before.getObservedGeneration(), generation);
        ScheduledRetrains.Outcome outcome = ScheduledRetrains.step(spec, status, specChanged, now, events);
        outcome.wakeUp().ifPresent(this::wakeUp);
        outcome.trigger().ifPresent(this::trigger);
    }

    private boolean mayRetrain() {
        return spec.getAction() == DriftAction.Retrain && !RetrainTracking.inFlight(status.getLastTriggered());
    }

    /** Follows the retrain in flight until it ends, and says how it ended. */
    private void trackRetrain() {
        RetrainTrigger trigger = status.getLastTriggered();
        if (!RetrainTracking.inFlight(trigger)) {
            return;
        }
        RetrainTracking.Progress progress = RetrainTracking.next(trigger, seen.retrain(), seen.target(), deadline(), now);
        // A trigger recorded by an operator before retrain states existed ended long ago, most likely: no alarm for it.
        boolean recordedBeforeStates = trigger.getState() == null;
        trigger.setState(progress.state());
        trigger.setVersion(progress.version());
        if (!RetrainTracking.ENDED.contains(progress.state())) {
            wakeUp(Timestamps.parse(trigger.getTime()).plus(Durations.parse(deadline())));
            return;
        }
        trigger.setMessage(progress.message());
        if (recordedBeforeStates) {
            // When it ended is unknown: no endTime, and without one it does not degrade the policy either.
            return;
        }
        trigger.setEndTime(Timestamps.format(now));
        retrainEnded = Optional.of(progress.state());
        switch (progress.state()) {
            case Promoted -> events.add(new DriftPlan.Event(false, EventReason.RetrainCompleted, progress.message()));
            case RolledBack -> events.add(new DriftPlan.Event(true, EventReason.RetrainRolledBack, progress.message() + nextRetrain()));
            default -> events.add(new DriftPlan.Event(true, EventReason.RetrainFailed, progress.message() + nextRetrain()));
        }
    }

    private String nextRetrain() {
        return "; the drifted version keeps serving, and the policy retrains again on a sustained breach after cooldown "
                + (spec.getRetrain() == null ? "" : spec.getRetrain().getCooldown()) + " (maxPerDay "
                + (spec.getRetrain() == null ? "" : spec.getRetrain().getMaxPerDay()) + ")";
    }

    private void evaluate(DriftObservation.Target target) {
        long version = target.stableVersion();
        Duration interval = Durations.parse(spec.getCheckInterval());
        boolean newVersion = !Objects.equals(status.getServingVersion(), version);
        if (newVersion) {
            // A new version starts a new streak: its baseline is its own training data.
            status.setServingVersion(version);
            status.setConsecutiveBreaches(0);
            status.setScores(new ArrayList<>());
            status.setMaxScore(null);
            status.setSamples(null);
        }
        if (newVersion || status.getNextEvaluation() == null || !Objects.equals(status.getObservedGeneration(), generation)) {
            status.setNextEvaluation(Timestamps.format(now));
        }
        Instant due = Timestamps.parse(status.getNextEvaluation());
        if (now.isBefore(due)) {
            keepReady();
            askAhead(target, new ReadingKey(version, due));
            return;
        }
        boolean late = !now.isBefore(due.plus(READING_DEADLINE));
        ReadingKey asked = new ReadingKey(version, due);
        if (late && !seen.readingInFlight() && seen.latestReading().filter(m -> m.key().equals(asked)).isEmpty()) {
            // Nothing was asked for this check (the operator was down or busy): ask now, and give it its deadline.
            due = now;
            late = false;
            status.setNextEvaluation(Timestamps.format(now));
        }
        ReadingKey key = new ReadingKey(version, Timestamps.parse(status.getNextEvaluation()));
        Optional<Measured<ReadingKey, DriftReading>> answer = seen.latestReading().filter(m -> m.key().equals(key));
        if (answer.isPresent()) {
            if (answer.get().value().isPresent()) {
                judge(answer.get().value().get(), target);
            } else {
                providerFailed(answer.get().error().orElse("the reading failed"));
            }
        } else if (target.canaryModelVersion() != null && target.readyPods().isEmpty()) {
            inconclusive(0, "v" + version + " has no ready pods while canary " + target.canaryModelVersion()
                    + " takes its traffic; drift is read again when the replacement ends");
        } else if (late) {
            inconclusive(0, "no drift reading of v" + version + " came back within " + READING_DEADLINE.toSeconds()
                    + " s of its check at " + Timestamps.format(due) + "; the breach count holds until one does");
        } else {
            if (!seen.readingInFlight()) {
                measure = Optional.of(key);
            }
            keepReady();
            wakeUp(key.due().plus(READING_DEADLINE));
            return;
        }
        status.setLastEvaluated(Timestamps.format(now));
        Instant next = CheckSlots.firstAfter(now, interval, uid);
        status.setNextEvaluation(Timestamps.format(next));
        askAhead(target, new ReadingKey(version, next));
    }

    /**
     * Asks for the reading of the check due at {@code key.due()}, to be taken then without a reconcile of its own: a
     * check costs the one reconcile that takes its reading, not a second one to ask for it (issue 19). Any reconcile
     * before then asks again with what it sees, so the reading is of the newest observation. Not while the stable
     * version has no pod to ask because a canary takes its traffic: that check is Inconclusive when it falls due.
     */
    private void askAhead(DriftObservation.Target target, ReadingKey key) {
        if (target.canaryModelVersion() != null && target.readyPods().isEmpty()) {
            wakeUp(key.due());
            return;
        }
        measure = Optional.of(key);
        wakeUp(key.due().plus(READING_DEADLINE));
    }

    private void judge(DriftReading reading, DriftObservation.Target target) {
        providerError = Optional.empty();
        DriftEvaluation evaluation = DriftEvaluation.of(reading, spec);
        status.setScores(new ArrayList<>(evaluation.scores()));
        status.setMaxScore(evaluation.maxScore());
        status.setSamples(evaluation.samples());
        scores = Optional.of(evaluation.scores().stream().collect(Collectors.toMap(FeatureScore::getFeature, FeatureScore::getScore)));
        int count = Optional.ofNullable(status.getConsecutiveBreaches()).orElse(0);
        BreachTracker.Step step = BreachTracker.of(spec.getConsecutiveBreaches(), spec.getRetrain())
                .next(BreachTracker.stateOf(count, status), evaluation.reading(), mayRetrain(), now);
        status.setConsecutiveBreaches(step.consecutiveBreaches());
        status.setRecentTriggers(new ArrayList<>(step.recentTriggers().stream().map(Timestamps::format).toList()));
        String streak = evaluation.summary() + " for " + (count + 1) + " consecutive check" + (count == 0 ? "" : "s");
        boolean alertOnly = spec.getAction() == DriftAction.AlertOnly;
        if (step.newlySustained()) {
            events.add(new DriftPlan.Event(true, EventReason.DriftDetected, streak + " on InferenceService " + target.name() + " ("
                    + target.model() + " v" + target.stableVersion() + ")" + (alertOnly ? "; action AlertOnly: no retrain" : "")));
        }
        if (step.cleared()) {
            events.add(new DriftPlan.Event(false, EventReason.DriftCleared, evaluation.summary()));
        }
        switch (step.outcome()) {
            case INCONCLUSIVE -> {
                if (evaluation.scores().isEmpty() && target.missingBaseline() != null) {
                    ready(ConditionStatus.True, NO_BASELINE, "nothing to measure drift against: ModelVersion " + target.stableModelVersion()
                            + " has no drift baseline (" + target.missingBaseline() + ")");
                } else {
                    ready(ConditionStatus.True, "Inconclusive", evaluation.summary());
                }
            }
            case CLEAR -> ready(ConditionStatus.True, NO_DRIFT, evaluation.summary());
            case BREACHING -> ready(ConditionStatus.True, "Breaching", evaluation.summary() + " (" + step.consecutiveBreaches()
                    + " of " + spec.getConsecutiveBreaches() + " consecutive checks before acting)");
            case SUSTAINED -> ready(ConditionStatus.True, "DriftSustained", streak + (alertOnly ? "; action AlertOnly"
                    : "; retrain " + status.getLastTriggered().getTrainingJob() + " is in flight"));
            case SUPPRESSED -> suppressed(streak + "; retrain suppressed by " + step.suppressedWhy());
            case TRIGGER -> trigger(streak);
        }
    }

    private void trigger(String reason) {
        String name = RetrainJobs.nextName(policy, status.getLastTriggered());
        String dataset = spec.getRetrain().getTemplate().getDatasetRef().getName();
        retrain = Optional.of(new DriftPlan.RetrainOrder(name, dataset, now));
        RetrainTrigger trigger = new RetrainTrigger();
        trigger.setTrainingJob(name);
        trigger.setTime(Timestamps.format(now));
        trigger.setReason(reason);
        trigger.setState(RetrainState.Training);
        status.setLastTriggered(trigger);
        wakeUp(now.plus(Durations.parse(deadline())));
        String message = "created TrainingJob " + name + " after asking Dataset " + dataset + " for fresh data: " + reason;
        events.add(new DriftPlan.Event(false, EventReason.RetrainTriggered, message));
        ready(ConditionStatus.True, "RetrainTriggered", message);
    }

    private void suppressed(String message) {
        if (!"RetrainSuppressed".equals(readyReason())) {
            events.add(new DriftPlan.Event(false, EventReason.RetrainSuppressed, message));
        }
        ready(ConditionStatus.True, "RetrainSuppressed", message);
    }

    private void inconclusive(long samples, String message) {
        status.setSamples(samples);
        ready(ConditionStatus.True, "Inconclusive", message);
    }

    private void providerFailed(String message) {
        providerError = Optional.of(message);
        ready(ConditionStatus.False, EventReason.DriftProviderFailed.name(),
                "drift could not be read; the breach count holds until it can: " + message);
    }

    /** Between evaluations the last verdict stands, and so does a provider failure. */
    private void keepReady() {
        if (Conditions.find(status, Conditions.READY).isEmpty()) {
            ready(ConditionStatus.True, "Evaluating", "the first drift reading is on its way");
        }
    }

    /**
     * Degraded says what keeps the policy from doing its job: drift that cannot be read, or a retrain that failed or
     * was rolled back while the drift it answered is still there.
     */
    private void degradedUnlessRetrainEnded() {
        Optional<String> failing = providerError != null ? providerError : Conditions.find(before == null ? status : before, Conditions.DEGRADED)
                .filter(c -> c.getStatus() == ConditionStatus.True && EventReason.DriftProviderFailed.name().equals(c.getReason()))
                .map(c -> c.getMessage());
        RetrainTrigger last = status.getLastTriggered();
        if (failing.isPresent()) {
            degraded(EventReason.DriftProviderFailed, failing.get());
        } else if (last != null && (last.getState() == RetrainState.Failed || last.getState() == RetrainState.RolledBack)
                && last.getEndTime() != null && !NO_DRIFT.equals(readyReason())) {
            EventReason reason = last.getState() == RetrainState.Failed ? EventReason.RetrainFailed : EventReason.RetrainRolledBack;
            // Its Warning event was recorded when the retrain ended.
            Conditions.set(status, Conditions.DEGRADED, ConditionStatus.True, reason.name(), last.getMessage() + nextRetrain(), generation, now);
        } else {
            Conditions.set(status, Conditions.DEGRADED, ConditionStatus.False, "DriftReadable", "drift statistics can be read", generation, now);
        }
    }

    private void degraded(EventReason reason, String message) {
        boolean already = Conditions.find(status, Conditions.DEGRADED)
                .map(c -> c.getStatus() == ConditionStatus.True && reason.name().equals(c.getReason())).orElse(false);
        Conditions.set(status, Conditions.DEGRADED, ConditionStatus.True, reason.name(), message, generation, now);
        if (!already) {
            events.add(new DriftPlan.Event(true, reason, message));
        }
    }

    private String phase() {
        if (Conditions.isTrue(status, Conditions.DEGRADED)) {
            return DriftPhase.DEGRADED;
        }
        RetrainTrigger last = status.getLastTriggered();
        if (RetrainTracking.inFlight(last)) {
            return RetrainTracking.state(last) == RetrainState.Replacing ? DriftPhase.REPLACING : DriftPhase.RETRAINING;
        }
        boolean driftSustained = Optional.ofNullable(status.getConsecutiveBreaches()).orElse(0) >= spec.getConsecutiveBreaches();
        boolean qualitySustained = spec.getPerformance() != null && status.getQuality() != null
                && Optional.ofNullable(status.getQuality().getConsecutiveBreaches()).orElse(0) >= spec.getPerformance().getConsecutiveBreaches();
        return driftSustained || qualitySustained ? DriftPhase.DRIFTING : DriftPhase.HEALTHY;
    }

    private void ready(ConditionStatus value, String reason, String message) {
        Conditions.set(status, Conditions.READY, value, reason, message, generation, now);
    }

    private String readyReason() {
        return Conditions.find(status, Conditions.READY).map(c -> c.getReason()).orElse(null);
    }

    private void wakeUp(Instant at) {
        if (at.isBefore(wakeUp)) {
            wakeUp = at;
        }
    }

    private String deadline() {
        return spec.getRetrain() == null ? "6h" : spec.getRetrain().getDeadline();
    }
}
