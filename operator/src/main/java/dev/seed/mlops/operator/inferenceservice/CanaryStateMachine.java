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
 * after a pass measured at that step (over an interval that started after the step did, with the step's pods ready and
 * its split applied by every stable pod) and its pause; the last step is no exception, so a version is promoted only
 * after a pass at 100%. No data is Inconclusive and never counts as a pass; more failed measurements than failureLimit
 * roll back. A shadow step is judged like any other, plus the comparison of both versions' answers on the same rows.
 * With analysis.quality the last step also waits for a quality pass ({@link CanaryQuality}) measured there.
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
        enter(canary, 0, steps.get(0));
        canary.setReplicas(replicas);
        canary.setStepStartedAt(Timestamps.format(now));
        canary.setFailures(0);
        return canary;
    }

    public static CanaryKey key(CanaryStatus canary) {
        return new CanaryKey(canary.getVersion(), canary.getStep(), canary.getStepStartedAt(), canary.getWeight(), shadow(canary));
    }

    /** The share of requests a step sends to the canary, answered or mirrored: what its pods must carry. */
    public static int share(CanaryStep step) {
        return step.getWeight() != null ? step.getWeight() : step.getShadow();
    }

    public static int share(CanaryStatus canary) {
        return canary.getWeight() > 0 ? canary.getWeight() : shadow(canary);
    }

    static int shadow(CanaryStatus canary) {
        return canary.getShadow() == null ? 0 : canary.getShadow();
    }

    /** "10%" at a weight step, "shadow 100%" at a shadow step. */
    public static String stepText(CanaryStatus canary) {
        return canary.getWeight() > 0 ? canary.getWeight() + "%" : "shadow " + shadow(canary) + "%";
    }

    /** Moves the canary to a step: its weight and shadow share; the served share is unknown until measured there. */
    static void enter(CanaryStatus canary, int index, CanaryStep step) {
        canary.setStep(index);
        canary.setWeight(step.getWeight() == null ? 0 : step.getWeight());
        canary.setShadow(step.getShadow());
        canary.setServedWeight(null);
    }

    /** Judges the reading of an interval at the canary's current step and records it (newest first, bounded). */
    public static AnalysisResult judge(CanaryStatus canary, CanaryAnalysis analysis, CanaryReading m) {
        AnalysisResult result = result(canary, m.from(), m.to());
        result.setRequests(m.requests());
        result.setErrorRate(m.errorRate());
        result.setP99LatencyMs(finite(m.p99LatencyMs()));
        result.setPredictionDrift(finite(m.predictionDrift()));
        result.setPredictionDriftVsStable(finite(m.predictionDriftVsStable()));
        RoutedTraffic routed = m.routed();
        result.setServedWeight(finite(Math.round(routed.servedWeight() * 10) / 10.0));
        result.setFallbacks(routed.fallback());
        if (shadow(canary) > 0) {
            result.setShadowRequests(routed.compared());
            result.setAgreement(finite(routed.agreement()));
            result.setMeanAbsDelta(finite(routed.meanAbsDelta()));
            result.setShadowDropped(routed.dropped());
        }
        if (m.podsChanged()) {
            result.setOutcome(INCONCLUSIVE);
            result.setMessage("a canary pod started, restarted or stopped during the interval: no verdict");
        } else if (m.routingStale()) {
            result.setOutcome(INCONCLUSIVE);
            result.setMessage("not every stable pod had applied this step's routing (" + stepText(canary) + " to v" + canary.getVersion()
                    + ") during the interval: no verdict");
        } else if (m.requests() < analysis.getMinRequests()) {
            result.setOutcome(INCONCLUSIVE);
            result.setMessage(m.requests() + " requests, fewer than minRequests " + analysis.getMinRequests() + ": no verdict");
        } else if (shadow(canary) > 0 && routed.rows() == 0) {
            result.setOutcome(INCONCLUSIVE);
            result.setMessage("no mirrored request had both answers compared: no verdict");
        } else {
            Optional<String> failure = failure(analysis, m);
            result.setOutcome(failure.isPresent() ? FAIL : PASS);
            failure.ifPresent(result::setMessage);
            if (failure.isPresent()) {
                canary.setFailures(canary.getFailures() + 1);
            }
        }
        if (result.getServedWeight() != null) {
            canary.setServedWeight((int) Math.round(result.getServedWeight()));
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
        boolean passedThisStep = canary.getAnalysis().stream().anyMatch(r -> PASS.equals(r.getOutcome()) && r.getQuality() == null
                && canary.getStep().equals(r.getStep()) && !Timestamps.parse(r.getFrom()).isBefore(stepStarted));
        Duration pause = step.getPause() == null ? Duration.ZERO : Durations.parse(step.getPause());
        if (!passedThisStep || now.isBefore(stepStarted.plus(pause))) {
            return Decision.Hold;
        }
        if (canary.getStep() == steps.size() - 1) {
            return analysis.getQuality() == null || qualityPassedThisStep(canary, stepStarted) ? Decision.Promote : Decision.Hold;
        }
        enter(canary, canary.getStep() + 1, steps.get(canary.getStep() + 1));
        canary.setStepStartedAt(Timestamps.format(now));
        return Decision.Advance;
    }

    /** A quality comparison passed whose window ended at this step: the labels then include traffic of the last step. */
    private static boolean qualityPassedThisStep(CanaryStatus canary, Instant stepStarted) {
        return canary.getAnalysis().stream().anyMatch(r -> PASS.equals(r.getOutcome()) && r.getQuality() != null
                && canary.getStep().equals(r.getStep()) && !Timestamps.parse(r.getTime()).isBefore(stepStarted));
    }

    /** The measurement that caused the rollback, for the history and the event. */
    public static String rollbackReason(CanaryStatus canary) {
        String failures = canary.getAnalysis().stream().filter(r -> FAIL.equals(r.getOutcome())).map(AnalysisResult::getMessage)
                .findFirst().orElse("analysis failed");
        return String.format(Locale.ROOT, "canary v%d rolled back at step %d (%s) after %d failed measurements: %s",
                canary.getVersion(), canary.getStep(), stepText(canary), canary.getFailures(), failures);
    }

    private static Optional<String> failure(CanaryAnalysis analysis, CanaryReading m) {
        if (m.errorRate() > analysis.getMaxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "error rate %.4f > maxErrorRate %.4f (%d of %d requests failed)",
                    m.errorRate(), analysis.getMaxErrorRate(), m.errors(), m.requests()));
        }
        RoutedTraffic routed = m.routed();
        if (routed.fallbackRate() > analysis.getMaxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "%d of %d requests routed to the canary were answered by the stable version instead"
                    + " (the canary could not be reached, timed out or failed): %.4f > maxErrorRate %.4f",
                    routed.fallback(), routed.forwarded() + routed.fallback(), routed.fallbackRate(), analysis.getMaxErrorRate()));
        }
        if (routed.shadowFailureRate() > analysis.getMaxErrorRate()) {
            return Optional.of(String.format(Locale.ROOT, "%d of %d mirrored requests got no usable answer from the canary: %.4f > maxErrorRate %.4f",
                    routed.failed(), routed.mirrored(), routed.shadowFailureRate(), analysis.getMaxErrorRate()));
        }
        if (!Double.isNaN(m.p99LatencyMs()) && m.p99LatencyMs() > analysis.getMaxP99LatencyMs()) {
            return Optional.of(String.format(Locale.ROOT, "p99 latency %.1f ms > maxP99LatencyMs %d", m.p99LatencyMs(), analysis.getMaxP99LatencyMs()));
        }
        if (analysis.getMinAgreement() != null && routed.agreement() < analysis.getMinAgreement()) {
            return Optional.of(String.format(Locale.ROOT, "decisions agree with the stable version's on %.4f of %d mirrored rows < minAgreement %.4f",
                    routed.agreement(), routed.rows(), analysis.getMinAgreement()));
        }
        if (analysis.getMaxMeanAbsDelta() != null && routed.meanAbsDelta() > analysis.getMaxMeanAbsDelta()) {
            return Optional.of(String.format(Locale.ROOT, "mean |prediction - stable prediction| %.4f over %d mirrored rows > maxMeanAbsDelta %.4f",
                    routed.meanAbsDelta(), routed.rows(), analysis.getMaxMeanAbsDelta()));
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

    /** Records a measurement, newest first, keeping the {@value #ANALYSIS_HISTORY} latest. */
    static AnalysisResult record(CanaryStatus canary, AnalysisResult result) {
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
