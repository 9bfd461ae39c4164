package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.AnalysisResult;
import dev.seed.mlops.api.v1alpha1.CanaryAnalysis;
import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The canary's progress as a pure function of its status, the strategy, a reading and the time. A step moves on only
 * after a pass measured at that step (over an interval that started after the step did, with the step's pods ready)
 * and its pause; the last step is no exception, so a version is promoted only after a pass at 100%. No data is
 * Inconclusive and never counts as a pass; more failed measurements than failureLimit roll back.
 */
public final class CanaryStateMachine {
    public enum Decision { Hold, Advance, Promote, Rollback }

    public static final String PASS = "Pass";
    public static final String FAIL = "Fail";
    public static final String INCONCLUSIVE = "Inconclusive";
    static final int ANALYSIS_HISTORY = 10;

    private CanaryStateMachine() {
    }

    /** A new canary at the first step. */
    public static CanaryStatus start(long version, String modelVersion, List<CanaryStep> steps, int replicas, Instant now) {
        CanaryStatus canary = new CanaryStatus();
        canary.setVersion(version);
        canary.setModelVersion(modelVersion);
        canary.setStep(0);
        canary.setWeight(steps.get(0).getWeight());
        canary.setReplicas(replicas);
        canary.setStepStartedAt(Timestamps.format(now));
        canary.setFailures(0);
        return canary;
    }

    public static CanaryKey key(CanaryStatus canary) {
        return new CanaryKey(canary.getVersion(), canary.getStep(), canary.getStepStartedAt());
    }

    /** Judges the reading of an interval at the canary's current step and records it (newest first, bounded). */
    public static AnalysisResult judge(CanaryStatus canary, CanaryAnalysis analysis, CanaryReading m) {
        AnalysisResult result = result(canary, m.from(), m.to());
        result.setRequests(m.requests());
        result.setErrorRate(m.errorRate());
        result.setP99LatencyMs(finite(m.p99LatencyMs()));
        result.setPredictionDrift(finite(m.predictionDrift()));
        result.setPredictionDriftVsStable(finite(m.predictionDriftVsStable()));
        if (m.podsChanged()) {
            result.setOutcome(INCONCLUSIVE);
            result.setMessage("a canary pod started, restarted or stopped during the interval: no verdict");
        } else if (m.requests() < analysis.getMinRequests()) {
            result.setOutcome(INCONCLUSIVE);
            result.setMessage(m.requests() + " requests, fewer than minRequests " + analysis.getMinRequests() + ": no verdict");
        } else {
            Optional<String> failure = failure(analysis, m);
            result.setOutcome(failure.isPresent() ? FAIL : PASS);
            failure.ifPresent(result::setMessage);
            if (failure.isPresent()) {
                canary.setFailures(canary.getFailures() + 1);
            }
        }
        return record(canary, result);
    }

    /** A measurement that could not be taken: Inconclusive, never a pass and never a failure. */
    public static AnalysisResult unmeasurable(CanaryStatus canary, Instant from, Instant to, String why) {
        AnalysisResult result = result(canary, from, to);
        result.setOutcome(INCONCLUSIVE);
        result.setMessage("could not measure the canary: " + why);
        return record(canary, result);
    }

    /** Whether this interval's result is already in status (a reconcile may see the same reading twice). */
    public static boolean recorded(CanaryStatus canary, Instant from, Instant to) {
        String f = Timestamps.format(from);
        String t = Timestamps.format(to);
        return canary.getAnalysis().stream().anyMatch(r -> canary.getStep().equals(r.getStep()) && f.equals(r.getFrom()) && t.equals(r.getTime()));
    }

    /** What to do now, given the measurements so far. Advancing moves the canary to the next step in place. */
    public static Decision decide(CanaryStatus canary, List<CanaryStep> steps, CanaryAnalysis analysis, Instant now) {
        if (canary.getFailures() > analysis.getFailureLimit()) {
            return Decision.Rollback;
        }
        CanaryStep step = steps.get(canary.getStep());
        Instant stepStarted = Timestamps.parse(canary.getStepStartedAt());
        boolean passedThisStep = canary.getAnalysis().stream().anyMatch(r -> PASS.equals(r.getOutcome())
                && canary.getStep().equals(r.getStep()) && !Timestamps.parse(r.getFrom()).isBefore(stepStarted));
        Duration pause = step.getPause() == null ? Duration.ZERO : Durations.parse(step.getPause());
        if (!passedThisStep || now.isBefore(stepStarted.plus(pause))) {
            return Decision.Hold;
        }
        if (canary.getStep() == steps.size() - 1) {
            return Decision.Promote;
        }
        canary.setStep(canary.getStep() + 1);
        canary.setWeight(steps.get(canary.getStep()).getWeight());
        canary.setStepStartedAt(Timestamps.format(now));
        return Decision.Advance;
    }

    /** The measurement that caused the rollback, for the history and the event. */
    public static String rollbackReason(CanaryStatus canary) {
        String failures = canary.getAnalysis().stream().filter(r -> FAIL.equals(r.getOutcome())).map(AnalysisResult::getMessage)
                .findFirst().orElse("analysis failed");
        return String.format(Locale.ROOT, "canary v%d rolled back at step %d (%d%%) after %d failed measurements: %s",
                canary.getVersion(), canary.getStep(), canary.getWeight(), canary.getFailures(), failures);
    }

    private static Optional<String> failure(CanaryAnalysis analysis, CanaryReading m) {
        if (m.errorRate() > analysis.getMaxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.4f > maxErrorRate %.4f (%d of %d requests failed)",
                    m.errorRate(), analysis.getMaxErrorRate(), m.errors(), m.requests()));
        }
        if (!Double.isNaN(m.p99LatencyMs()) && m.p99LatencyMs() > analysis.getMaxP99LatencyMs()) {
            return Optional.of(String.format(Locale.ROOT, "p99 latency %.1f ms > maxP99LatencyMs %d", m.p99LatencyMs(), analysis.getMaxP99LatencyMs()));
        }
        if (!Double.isNaN(m.predictionDrift()) && analysis.getMaxPredictionDrift() != null && m.predictionDrift() > analysis.getMaxPredictionDrift()) {
            return Optional.of(String.format(Locale.ROOT, "prediction drift (PSI vs its training-time predictions) %.4f > maxPredictionDrift %.4f",
                    m.predictionDrift(), analysis.getMaxPredictionDrift()));
        }
        Double vsStable = analysis.getMaxPredictionDriftVsStable();
        if (vsStable != null && !Double.isNaN(m.predictionDriftVsStable()) && m.predictionDriftVsStable() > vsStable) {
            return Optional.of(String.format(Locale.ROOT, "prediction drift (PSI vs stable) %.4f > maxPredictionDriftVsStable %.4f",
                    m.predictionDriftVsStable(), vsStable));
        }
        return Optional.empty();
    }

    private static AnalysisResult result(CanaryStatus canary, Instant from, Instant to) {
        AnalysisResult result = new AnalysisResult();
        result.setStep(canary.getStep());
        result.setFrom(Timestamps.format(from));
        result.setTime(Timestamps.format(to));
        return result;
    }

    private static AnalysisResult record(CanaryStatus canary, AnalysisResult result) {
        canary.getAnalysis().add(0, result);
        while (canary.getAnalysis().size() > ANALYSIS_HISTORY) {
            canary.getAnalysis().remove(canary.getAnalysis().size() - 1);
        }
        return result;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
