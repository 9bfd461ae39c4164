package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftAction;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.QualityPolicy;
import dev.seed.mlops.api.v1alpha1.QualityReading;
import dev.seed.mlops.api.v1alpha1.QualityStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.QualityKeys;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The performance section of a DriftPolicy, one pure step of {@link DriftPlanner}:
 * <ol>
 * <li>every {@code every}, a quality Job scores the stable version's predictions of the window ending then against
 * the labels that came back (the trainer's evaluate-quality; its figures arrive in the Job's result);</li>
 * <li>the result becomes a reading in status.quality.history (the {@value #HISTORY} latest kept) and, when it has a
 * verdict, the {@code mlops_model_quality} gauge;</li>
 * <li>the reading is judged: fewer labelled predictions than minLabels, or no value, is TooFewLabels, an Inconclusive
 * evaluation (not a breach; the count holds); a value past the bound is a breach. The streak, cooldown and
 * maxPerDay are {@link BreachTracker}'s, shared with drift, and a sustained breach asks for the same retrain;</li>
 * <li>a Job that failed or vanished is an evaluation that did not happen: Inconclusive, with a Warning event.</li>
 * </ol>
 * A new stable version starts a new streak, as it does for drift.
 */
final class QualityEvaluations {
    static final String CONDITION = "QualityMet";
    static final int HISTORY = 48;
    static final String MET = "Met";
    static final String BREACHED = "Breached";
    static final String TOO_FEW_LABELS = "TooFewLabels";
    static final String COMPONENT = "quality";

    /**
     * @param start   a quality Job to create
     * @param trigger the reason of a retrain to start now
     * @param gauges  the quality gauges from now on, when this step decided them
     * @param wakeUp  when to look again for this step's sake
     */
    record Outcome(Optional<DriftPlan.QualityJobOrder> start, Optional<String> trigger, Optional<List<DriftPlan.QualityGauge>> gauges,
            Optional<Instant> wakeUp) {
    }

    private final String policy;
    private final DriftPolicySpec spec;
    private final QualityPolicy performance;
    private final DriftPolicyStatus status;
    private final long generation;
    private final Instant now;
    private final List<DriftPlan.Event> events;
    private Optional<DriftPlan.QualityJobOrder> start = Optional.empty();
    private Optional<String> trigger = Optional.empty();
    private Optional<List<DriftPlan.QualityGauge>> gauges = Optional.empty();
    private Optional<Instant> wakeUp = Optional.empty();

    QualityEvaluations(String policy, DriftPolicySpec spec, DriftPolicyStatus status, long generation, Instant now, List<DriftPlan.Event> events) {
        this.policy = policy;
        this.spec = spec;
        this.performance = spec.getPerformance();
        this.status = status;
        this.generation = generation;
        this.now = now;
        this.events = events;
    }

    /** {@code <policy>-quality-<minutes since the epoch, base 36>}: one name per evaluation, at most 32 + 15 characters. */
    static String jobName(String policy, Instant windowEnd) {
        return policy + "-" + COMPONENT + "-" + Long.toString(windowEnd.getEpochSecond() / 60, 36);
    }

    /**
     * @param mayRetrain whether a sustained breach should start a retrain (action Retrain, none in flight)
     */
    Outcome step(Optional<DriftObservation.Target> target, Optional<ObservedJob> job, boolean mayRetrain) {
        if (performance == null) {
            status.setQuality(null);
            status.getConditions().removeIf(c -> CONDITION.equals(c.getType()));
            return new Outcome(start, trigger, Optional.of(List.of()), wakeUp);
        }
        QualityStatus quality = Optional.ofNullable(status.getQuality()).orElseGet(QualityStatus::new);
        status.setQuality(quality);
        Long stable = target.map(DriftObservation.Target::stableVersion).orElse(null);
        if (quality.getJob() != null) {
            follow(quality, job, stable, mayRetrain);
        }
        if (stable == null) {
            condition(ConditionStatus.Unknown, "NotServing", "no version serves yet; quality is evaluated once one does");
            return new Outcome(start, trigger, Optional.of(List.of()), wakeUp);
        }
        if (quality.getJob() == null) {
            Instant due = quality.getNextEvaluation() == null ? now : Timestamps.parse(quality.getNextEvaluation());
            if (!now.isBefore(due)) {
                startJob(quality, target.get());
                Duration every = Durations.parse(performance.getEvery());
                quality.setNextEvaluation(Timestamps.format(due.plus(every).isAfter(now) ? due.plus(every) : now.plus(every)));
            }
            later(Timestamps.parse(quality.getNextEvaluation()));
        }
        if (Conditions.find(status, CONDITION).isEmpty()) {
            condition(ConditionStatus.Unknown, "Evaluating", "the first quality Job is on its way");
        }
        return new Outcome(start, trigger, gauges, wakeUp);
    }

    private void startJob(QualityStatus quality, DriftObservation.Target target) {
        Instant until = now.truncatedTo(ChronoUnit.SECONDS);
        String name = jobName(policy, until);
        start = Optional.of(new DriftPlan.QualityJobOrder(name, target.model(), target.stableVersion(),
                until.minus(Durations.parse(performance.getWindow())), until));
        quality.setJob(name);
        quality.setJobWindowEnd(Timestamps.format(until));
    }

    private void follow(QualityStatus quality, Optional<ObservedJob> job, Long stable, boolean mayRetrain) {
        QualityJobProgress progress = QualityJobProgress.of(quality.getJob(), job, Timestamps.parse(quality.getJobWindowEnd()), now);
        if (progress instanceof QualityJobProgress.Waiting waiting) {
            waiting.lookAgain().ifPresent(this::later);
        } else if (progress instanceof QualityJobProgress.Lost lost) {
            lost(quality, lost.why());
        } else if (progress instanceof QualityJobProgress.Scored scored) {
            judge(quality, scored.result(), stable, mayRetrain);
        }
    }

    private void lost(QualityStatus quality, String message) {
        quality.setJob(null);
        quality.setLastEvaluated(Timestamps.format(now));
        quality.setMessage(message);
        events.add(new DriftPlan.Event(true, EventReason.QualityEvaluationFailed, message + "; the breach count holds until the next evaluation"));
        condition(ConditionStatus.Unknown, EventReason.QualityEvaluationFailed.name(), message + "; the breach count holds until the next evaluation");
    }

    private void judge(QualityStatus quality, JobResult result, Long stable, boolean mayRetrain) {
        String windowEnd = quality.getJobWindowEnd();
        quality.setJob(null);
        quality.setLastEvaluated(Timestamps.format(now));
        quality.setMessage(result.message());
        if (stable == null) {
            return;
        }
        QualityReading reading = reading(Optional.ofNullable(result.metrics()).orElse(Map.of()), stable, windowEnd);
        BreachTracker.Reading verdict = verdict(reading);
        boolean sameVersion = quality.getHistory().stream().filter(r -> r.getVerdict() != null).reduce((a, b) -> b)
                .map(r -> Objects.equals(r.getVersion(), stable)).orElse(false);
        int count = sameVersion ? Optional.ofNullable(quality.getConsecutiveBreaches()).orElse(0) : 0;
        List<QualityReading> history = new ArrayList<>(quality.getHistory());
        history.add(reading);
        quality.setHistory(new ArrayList<>(history.subList(Math.max(0, history.size() - HISTORY), history.size())));
        gauges = Optional.of(verdict == BreachTracker.Reading.INCONCLUSIVE ? List.of()
                : List.of(new DriftPlan.QualityGauge(spec.getTargetRef().getName(), stable, performance.getMetric().name(), reading.getValue())));
        BreachTracker.Step step = BreachTracker.of(performance.getConsecutiveBreaches(), spec.getRetrain())
                .next(BreachTracker.stateOf(count, status), verdict, mayRetrain, now);
        quality.setConsecutiveBreaches(step.consecutiveBreaches());
        status.setRecentTriggers(new ArrayList<>(step.recentTriggers().stream().map(Timestamps::format).toList()));
        String summary = summary(reading) + (step.outcome() == BreachTracker.Outcome.INCONCLUSIVE ? ""
                : " (" + (count + 1) + " consecutive evaluation" + (count == 0 ? ")" : "s)"));
        if (step.newlySustained()) {
            events.add(new DriftPlan.Event(true, EventReason.QualityBreached, summary
                    + (spec.getAction() == DriftAction.AlertOnly ? "; action AlertOnly: no retrain" : "")));
        }
        if (step.cleared()) {
            events.add(new DriftPlan.Event(false, EventReason.QualityRestored, summary));
        }
        switch (step.outcome()) {
            case INCONCLUSIVE -> condition(ConditionStatus.Unknown, TOO_FEW_LABELS, summary);
            case CLEAR -> condition(ConditionStatus.True, MET, summary);
            case BREACHING -> condition(ConditionStatus.False, "QualityBreaching", summary + "; " + step.consecutiveBreaches() + " of "
                    + performance.getConsecutiveBreaches() + " consecutive breaches before acting");
            case SUSTAINED -> condition(ConditionStatus.False, "QualitySustained", summary + (spec.getAction() == DriftAction.AlertOnly
                    ? "; action AlertOnly" : "; a retrain is in flight"));
            case SUPPRESSED -> {
                String message = summary + "; retrain suppressed by " + step.suppressedWhy();
                if (!Conditions.find(status, CONDITION).map(c -> "RetrainSuppressed".equals(c.getReason())).orElse(false)) {
                    events.add(new DriftPlan.Event(false, EventReason.RetrainSuppressed, message));
                }
                condition(ConditionStatus.False, "RetrainSuppressed", message);
            }
            case TRIGGER -> {
                condition(ConditionStatus.False, "RetrainTriggered", summary);
                trigger = Optional.of(summary);
            }
        }
    }

    private QualityReading reading(Map<String, Double> figures, long version, String windowEnd) {
        Map<String, Double> mine = new HashMap<>();
        figures.forEach((key, value) -> QualityKeys.parse(key).filter(k -> k.version() == version).ifPresent(k -> mine.put(k.figure(), value)));
        QualityReading reading = new QualityReading();
        reading.setTime(windowEnd);
        reading.setVersion(version);
        reading.setValue(mine.get(performance.getMetric().name()));
        reading.setLabelled(mine.getOrDefault(QualityKeys.LABELLED, 0.0).longValue());
        reading.setUnlabelled(mine.getOrDefault(QualityKeys.UNLABELLED, 0.0).longValue());
        reading.setDuplicates(mine.getOrDefault(QualityKeys.DUPLICATES, 0.0).longValue());
        reading.setLabelDelayP50Seconds(mine.get(QualityKeys.DELAY_P50));
        reading.setLabelDelayMaxSeconds(mine.get(QualityKeys.DELAY_MAX));
        return reading;
    }

    /** Sets the reading's verdict: too few labels (or no value) is no evidence either way. */
    private BreachTracker.Reading verdict(QualityReading reading) {
        if (reading.getLabelled() < performance.getMinLabels() || reading.getValue() == null || reading.getValue().isNaN()) {
            reading.setVerdict(TOO_FEW_LABELS);
            return BreachTracker.Reading.INCONCLUSIVE;
        }
        boolean breached = performance.getMinimum() != null ? reading.getValue() < performance.getMinimum()
                : performance.getMaximum() != null && reading.getValue() > performance.getMaximum();
        reading.setVerdict(breached ? BREACHED : MET);
        return breached ? BreachTracker.Reading.BREACH : BreachTracker.Reading.CLEAR;
    }

    private String summary(QualityReading reading) {
        Metric metric = performance.getMetric();
        if (TOO_FEW_LABELS.equals(reading.getVerdict())) {
            return String.format(Locale.ROOT, "too few labels to judge v%d: %d labelled predictions of the %d minLabels in the last %s (%d unlabelled); not a breach",
                    reading.getVersion(), reading.getLabelled(), performance.getMinLabels(), performance.getWindow(), reading.getUnlabelled());
        }
        boolean lowerBound = performance.getMinimum() != null;
        double bound = lowerBound ? performance.getMinimum() : performance.getMaximum();
        String side = BREACHED.equals(reading.getVerdict()) ? (lowerBound ? "below" : "above") : (lowerBound ? "at or above" : "at or below");
        return String.format(Locale.ROOT, RetrainCause.QUALITY + "%s %.4f of v%d %s the %s %.4f on %d labels", metric, reading.getValue(), reading.getVersion(), side,
                lowerBound ? "minimum" : "maximum", bound, reading.getLabelled());
    }

    private void condition(ConditionStatus value, String reason, String message) {
        Conditions.set(status, CONDITION, value, reason, message, generation, now);
    }

    private void later(Instant at) {
        if (wakeUp.isEmpty() || at.isBefore(wakeUp.get())) {
            wakeUp = Optional.of(at);
        }
    }
}
