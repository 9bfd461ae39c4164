package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.AnalysisResult;
import dev.seed.mlops.api.v1alpha1.CanaryQualityGate;
import dev.seed.mlops.api.v1alpha1.CanaryQualityJob;
import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.QualityComparison;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.QualityKeys;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.drift.QualityJobProgress;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Champion/challenger on live labels, one pure step of {@link RolloutPlanner} while a canary runs with
 * {@code analysis.quality}:
 * <ol>
 * <li>every {@code every}, a quality Job (the trainer's evaluate-quality, as a DriftPolicy's performance section runs it)
 * scores the stable version and the canary over the same window, from the canary's start to then;</li>
 * <li>its result is judged as a canary measurement: fewer than minLabels labelled predictions of either version (or a
 * value missing) is Inconclusive, never a pass; a canary worse than stable by more than maxDegradation, relative to
 * stable, is a failed measurement (it counts against failureLimit like any other); otherwise a pass. Both values go
 * to status.canary.analysis and to an event;</li>
 * <li>a Job that failed, vanished, is held by another owner ({@link QualityJobProgress}) or reports no figures for both
 * versions is Inconclusive, with a Warning event.</li>
 * </ol>
 * {@link CanaryStateMachine#decide} promotes only after a quality pass whose window ended at the last step.
 */
final class CanaryQuality {
    static final String COMPONENT = "canary-quality";

    /** A quality Job to create: {@code stable} and {@code canary} scored over (from, until]. */
    record Order(String name, String model, long stable, long canary, Instant from, Instant until) {
    }

    /**
     * @param start  a quality Job to create now
     * @param wakeUp when to look again for this step's sake
     */
    record Outcome(Optional<Order> start, Optional<Instant> wakeUp) {
        static final Outcome NOTHING = new Outcome(Optional.empty(), Optional.empty());
    }

    private final String service;
    private final String model;
    private final CanaryQualityGate gate;
    private final CanaryStatus canary;
    private final long stable;
    private final Instant now;
    private final List<PlannedEvent> events;

    private CanaryQuality(String service, String model, CanaryQualityGate gate, CanaryStatus canary, long stable, Instant now, List<PlannedEvent> events) {
        this.service = service;
        this.model = model;
        this.gate = gate;
        this.canary = canary;
        this.stable = stable;
        this.now = now;
        this.events = events;
    }

    /** {@code <service>-cq-<minutes since the epoch, base 36>}: one name per comparison, at most 52 + 10 characters. */
    static String jobName(String service, Instant until) {
        return service + "-cq-" + Long.toString(until.getEpochSecond() / 60, 36);
    }

    /**
     * Follows the running Job, judges its result, and orders the next one when due; without a gate, forgets the
     * comparison state.
     *
     * @param job the Job named in status.canary.quality.job, as the cache shows it
     */
    static Outcome step(String service, String model, Optional<CanaryQualityGate> gate, CanaryStatus canary, long stable,
            Optional<ObservedJob> job, Instant now, List<PlannedEvent> events) {
        if (gate.isEmpty()) {
            canary.setQuality(null);
            return Outcome.NOTHING;
        }
        return new CanaryQuality(service, model, gate.get(), canary, stable, now, events).step(job);
    }

    private Outcome step(Optional<ObservedJob> job) {
        CanaryQualityJob quality = Optional.ofNullable(canary.getQuality()).orElseGet(CanaryQualityJob::new);
        canary.setQuality(quality);
        if (quality.getSince() == null) {
            // A canary at its first step started with it; one that gains the gate later is compared from now on.
            quality.setSince(canary.getStep() == 0 ? canary.getStepStartedAt() : Timestamps.format(now));
        }
        Optional<Instant> wakeUp = Optional.empty();
        if (quality.getJob() != null) {
            wakeUp = follow(quality, job);
        }
        if (quality.getJob() != null) {
            return new Outcome(Optional.empty(), wakeUp);
        }
        Instant due = quality.getNextEvaluation() == null ? now : Timestamps.parse(quality.getNextEvaluation());
        Duration every = Durations.parse(gate.getEvery());
        Instant since = Timestamps.parse(quality.getSince());
        if (now.isBefore(due) || !now.truncatedTo(ChronoUnit.SECONDS).isAfter(since)) {
            return new Outcome(Optional.empty(), Optional.of(now.isBefore(due) ? due : now.plusSeconds(1)));
        }
        Instant until = now.truncatedTo(ChronoUnit.SECONDS);
        Order order = new Order(jobName(service, until), model, stable, canary.getVersion(), since, until);
        quality.setJob(order.name());
        quality.setUntil(Timestamps.format(until));
        quality.setNextEvaluation(Timestamps.format(now.plus(every)));
        return new Outcome(Optional.of(order), Optional.of(now.plus(QualityJobProgress.RESULT_POLL)));
    }

    private Optional<Instant> follow(CanaryQualityJob quality, Optional<ObservedJob> job) {
        QualityJobProgress progress = QualityJobProgress.of(quality.getJob(), job, Timestamps.parse(quality.getUntil()), now);
        if (progress instanceof QualityJobProgress.Waiting waiting) {
            return waiting.lookAgain();
        }
        if (progress instanceof QualityJobProgress.Lost lost) {
            lost(quality, lost.why());
        } else if (progress instanceof QualityJobProgress.Scored scored) {
            judge(quality, scored.result());
        }
        return Optional.empty();
    }

    private void lost(CanaryQualityJob quality, String why) {
        AnalysisResult result = window(quality);
        result.setOutcome(CanaryStateMachine.INCONCLUSIVE);
        result.setMessage("could not compare quality: " + why);
        CanaryStateMachine.record(canary, result);
        events.add(PlannedEvent.warning(EventReason.QualityEvaluationFailed, "canary v" + canary.getVersion() + ": " + result.getMessage()
                + "; no verdict, the next comparison starts at " + quality.getNextEvaluation()));
    }

    private void judge(CanaryQualityJob quality, JobResult result) {
        Map<String, Double> figures = Optional.ofNullable(result.metrics()).orElse(Map.of());
        Figures stableFigures = Figures.of(figures, stable, gate);
        Figures canaryFigures = Figures.of(figures, canary.getVersion(), gate);
        QualityComparison comparison = new QualityComparison();
        comparison.setMetric(gate.getMetric());
        comparison.setStable(stableFigures.value());
        comparison.setCanary(canaryFigures.value());
        comparison.setStableLabelled(stableFigures.labelled());
        comparison.setCanaryLabelled(canaryFigures.labelled());
        AnalysisResult analysis = window(quality);
        analysis.setQuality(comparison);
        String values = String.format(Locale.ROOT, "%s of canary v%d %s on %d labels, of stable v%d %s on %d labels", gate.getMetric(),
                canary.getVersion(), text(canaryFigures.value()), canaryFigures.labelled(), stable, text(stableFigures.value()), stableFigures.labelled());
        if (!stableFigures.judgeable() || !canaryFigures.judgeable()) {
            analysis.setOutcome(CanaryStateMachine.INCONCLUSIVE);
            analysis.setMessage(values + "; fewer than minLabels " + gate.getMinLabels() + " labelled predictions of a version (or no value): no verdict");
            events.add(PlannedEvent.normal(EventReason.CanaryQualityCompared, "canary v" + canary.getVersion() + ": " + analysis.getMessage()));
        } else {
            double degradation = degradation(stableFigures.value(), canaryFigures.value());
            comparison.setDegradation(Double.isFinite(degradation) ? degradation : null);
            String loss = String.format(Locale.ROOT, "relative loss %s", Double.isFinite(degradation) ? String.format(Locale.ROOT, "%.4f", degradation)
                    : degradation > 0 ? "unbounded (stable is 0)" : "none");
            if (degradation > gate.getMaxDegradation()) {
                analysis.setOutcome(CanaryStateMachine.FAIL);
                analysis.setMessage(String.format(Locale.ROOT, "%s: %s > maxDegradation %.4f", values, loss, gate.getMaxDegradation()));
                canary.setFailures(canary.getFailures() + 1);
                events.add(PlannedEvent.warning(EventReason.CanaryAnalysisFailed, "canary v" + canary.getVersion() + ": " + analysis.getMessage()));
            } else {
                analysis.setOutcome(CanaryStateMachine.PASS);
                analysis.setMessage(String.format(Locale.ROOT, "%s: %s within maxDegradation %.4f", values, loss, gate.getMaxDegradation()));
                events.add(PlannedEvent.normal(EventReason.CanaryQualityCompared, "canary v" + canary.getVersion() + ": " + analysis.getMessage()));
            }
        }
        CanaryStateMachine.record(canary, analysis);
    }

    /** The canary's loss relative to stable: positive when worse, negative when better; infinite when stable is 0 and they differ. */
    private double degradation(double stableValue, double canaryValue) {
        double loss = gate.getMetric().lowerIsBetter() ? canaryValue - stableValue : stableValue - canaryValue;
        if (stableValue == 0) {
            return loss == 0 ? 0 : loss > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return loss / Math.abs(stableValue);
    }

    private AnalysisResult window(CanaryQualityJob quality) {
        AnalysisResult result = new AnalysisResult();
        result.setStep(canary.getStep());
        result.setFrom(quality.getSince());
        result.setTime(quality.getUntil() == null ? Timestamps.format(now) : quality.getUntil());
        quality.setJob(null);
        quality.setUntil(null);
        return result;
    }

    private static String text(Double value) {
        return value == null ? "none" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** One version's figures in the Job's result. */
    private record Figures(Double value, long labelled, long minLabels) {
        static Figures of(Map<String, Double> figures, long version, CanaryQualityGate gate) {
            Map<String, Double> mine = new HashMap<>();
            figures.forEach((key, value) -> QualityKeys.parse(key).filter(k -> k.version() == version).ifPresent(k -> mine.put(k.figure(), value)));
            Double value = mine.get(gate.getMetric().name());
            return new Figures(value == null || !Double.isFinite(value) ? null : value, mine.getOrDefault(QualityKeys.LABELLED, 0.0).longValue(),
                    gate.getMinLabels());
        }

        boolean judgeable() {
            return value != null && labelled >= minLabels;
        }
    }
}
