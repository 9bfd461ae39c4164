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
 * The canary's progress as a pure function of its status, the strategy, a measurement and the time: which step it is
 * on, whether the last measurement passed, and when it advances, promotes or rolls back. No data is Inconclusive and
 * never counts as a pass; more failed measurements than failureLimit roll back.
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
    public static CanaryStatus start(long version, String modelVersion, List<CanaryStep> steps, Instant now) {
        CanaryStatus canary = new CanaryStatus();
        canary.setVersion(version);
        canary.setModelVersion(modelVersion);
        canary.setStep(0);
        canary.setWeight(steps.get(0).getWeight());
        canary.setStepStartedAt(Timestamps.format(now));
        canary.setFailures(0);
        return canary;
    }

    /** Whether a measurement is due: one per analysis interval. */
    public static boolean measurementDue(CanaryStatus canary, CanaryAnalysis analysis, Instant now) {
        return lastMeasured(canary).map(last -> !now.isBefore(last.plus(Durations.parse(analysis.getInterval())))).orElse(true);
    }

    /** Judges a measurement and records it (newest first, bounded) in the canary's status. */
    public static AnalysisResult judge(CanaryStatus canary, CanaryAnalysis analysis, CanaryMeasurement m, Instant now) {
        AnalysisResult result = new AnalysisResult();
        result.setTime(Timestamps.format(now));
        result.setRequests(m.requests());
        result.setErrorRate(m.errorRate());
        result.setP99LatencyMs(Double.isNaN(m.p99LatencyMs()) ? null : m.p99LatencyMs());
        result.setPredictionDrift(Double.isNaN(m.predictionDrift()) ? null : m.predictionDrift());
        if (m.requests() < analysis.getMinRequests()) {
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
        canary.getAnalysis().add(0, result);
        while (canary.getAnalysis().size() > ANALYSIS_HISTORY) {
            canary.getAnalysis().remove(canary.getAnalysis().size() - 1);
        }
        return result;
    }

    /** What to do now, given the measurements so far. Advancing moves the canary to the next step in place. */
    public static Decision decide(CanaryStatus canary, List<CanaryStep> steps, CanaryAnalysis analysis, Instant now) {
        if (canary.getFailures() > analysis.getFailureLimit()) {
            return Decision.Rollback;
        }
        CanaryStep step = steps.get(canary.getStep());
        Instant stepStarted = Timestamps.parse(canary.getStepStartedAt());
        boolean passedThisStep = canary.getAnalysis().stream()
                .anyMatch(r -> PASS.equals(r.getOutcome()) && !Timestamps.parse(r.getTime()).isBefore(stepStarted));
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

    /** The measurement that caused the rollback, for the rejected version's reason. */
    public static String rollbackReason(CanaryStatus canary) {
        String failures = canary.getAnalysis().stream().filter(r -> FAIL.equals(r.getOutcome())).map(AnalysisResult::getMessage)
                .findFirst().orElse("analysis failed");
        return String.format(Locale.ROOT, "canary v%d rolled back at step %d (%d%%) after %d failed measurements: %s",
                canary.getVersion(), canary.getStep(), canary.getWeight(), canary.getFailures(), failures);
    }

    private static Optional<String> failure(CanaryAnalysis analysis, CanaryMeasurement m) {
        if (m.errorRate() > analysis.getMaxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.4f > maxErrorRate %.4f (%d of %d requests failed)",
                    m.errorRate(), analysis.getMaxErrorRate(), m.errors(), m.requests()));
        }
        if (!Double.isNaN(m.p99LatencyMs()) && m.p99LatencyMs() > analysis.getMaxP99LatencyMs()) {
            return Optional.of(String.format(Locale.ROOT, "p99 latency %.1f ms > maxP99LatencyMs %d", m.p99LatencyMs(), analysis.getMaxP99LatencyMs()));
        }
        if (!Double.isNaN(m.predictionDrift()) && m.predictionDrift() > analysis.getMaxPredictionDrift()) {
            return Optional.of(String.format(Locale.ROOT, "prediction drift (PSI vs stable) %.4f > maxPredictionDrift %.4f",
                    m.predictionDrift(), analysis.getMaxPredictionDrift()));
        }
        return Optional.empty();
    }

    private static Optional<Instant> lastMeasured(CanaryStatus canary) {
        return canary.getAnalysis().stream().findFirst().map(r -> Timestamps.parse(r.getTime()));
    }
}
