package dev.seed.mlops.operator.inferenceservice;

import static dev.seed.mlops.operator.inferenceservice.CanaryStateMachine.Decision.Advance;
import static dev.seed.mlops.operator.inferenceservice.CanaryStateMachine.Decision.Hold;
import static dev.seed.mlops.operator.inferenceservice.CanaryStateMachine.Decision.Promote;
import static dev.seed.mlops.operator.inferenceservice.CanaryStateMachine.Decision.Rollback;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.CanaryAnalysis;
import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<CanaryStep> STEPS = List.of(step(10, "1m"), step(50, "1m"), step(100, null));

    private final CanaryAnalysis analysis = new CanaryAnalysis();
    private final CanaryStatus canary = CanaryStateMachine.start(2, "credit-risk-v2", STEPS, 4, T0);

    @Test
    void startsAtTheFirstStepsWeight() {
        assertThat(canary.getStep()).isZero();
        assertThat(canary.getWeight()).isEqualTo(10);
        assertThat(canary.getReplicas()).isEqualTo(4);
        assertThat(CanaryStateMachine.key(canary)).isEqualTo(new CanaryKey(2, 0, "2026-03-01T12:00:00Z", 10, 0));
    }

    @Test
    void advancesOnlyAfterAPassingMeasurementAndThePause() {
        CanaryStateMachine.judge(canary, analysis, good(0, 30));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(30))).isEqualTo(Hold);

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Advance);
        assertThat(canary.getStep()).isEqualTo(1);
        assertThat(canary.getWeight()).isEqualTo(50);
        assertThat(canary.getStepStartedAt()).isEqualTo("2026-03-01T12:01:00Z");
    }

    @Test
    void thePassThatAdvancedAStepDoesNotAlsoAdvanceTheNextInTheSameInstant() {
        CanaryStateMachine.judge(canary, analysis, good(30, 60));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Advance);

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Hold);
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(600))).isEqualTo(Hold);
    }

    @Test
    void theLastStepPromotesOnlyAfterAPassMeasuredAtThatStep() {
        canary.setStep(1);
        canary.setWeight(50);
        CanaryStateMachine.judge(canary, analysis, good(0, 30));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Advance);
        assertThat(canary.getWeight()).isEqualTo(100);

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Hold);
        CanaryStateMachine.judge(canary, analysis, good(61, 91));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(91))).isEqualTo(Promote);
    }

    @Test
    void aPassOverAnIntervalThatStartedBeforeTheStepDoesNotCount() {
        canary.setStepStartedAt("2026-03-01T12:00:20Z");
        CanaryStateMachine.judge(canary, analysis, good(10, 40));

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(3600))).isEqualTo(Hold);
    }

    @Test
    void noDataIsInconclusiveAndNeverAdvances() {
        var result = CanaryStateMachine.judge(canary, analysis, reading(0, 30, 3, 0, Double.NaN, Double.NaN, Double.NaN));

        assertThat(result.getOutcome()).isEqualTo("Inconclusive");
        assertThat(result.getMessage()).isEqualTo("3 requests, fewer than minRequests 100: no verdict");
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(3600))).isEqualTo(Hold);
        assertThat(canary.getFailures()).isZero();
    }

    @Test
    void anIntervalDuringWhichACanaryPodRestartedHasNoVerdict() {
        CanaryReading restarted = new CanaryReading(T0, T0.plusSeconds(30), false, true, 500, 0, 10, 0.01, 0.01, routed(4500, 500, 0), false);

        assertThat(CanaryStateMachine.judge(canary, analysis, restarted).getOutcome()).isEqualTo("Inconclusive");
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(3600))).isEqualTo(Hold);
    }

    @Test
    void failuresBeyondTheLimitRollBackNamingTheMeasurement() {
        analysis.setFailureLimit(1);
        CanaryStateMachine.judge(canary, analysis, reading(0, 30, 400, 40, 12.0, 0.01, 0.01));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(30))).isEqualTo(Hold);

        CanaryStateMachine.judge(canary, analysis, reading(30, 60, 400, 40, 12.0, 0.01, 0.01));

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Rollback);
        assertThat(CanaryStateMachine.rollbackReason(canary))
                .isEqualTo("canary v2 rolled back at step 0 (10%) after 2 failed measurements: error rate 0.1000 > maxErrorRate 0.0100 (40 of 400 requests failed)");
    }

    @Test
    void latencyAndTheCanarysOwnPredictionDriftFail() {
        assertThat(CanaryStateMachine.judge(canary, analysis, reading(0, 30, 500, 0, 900.0, 0.01, 0.01)).getMessage())
                .isEqualTo("p99 latency 900.0 ms > maxP99LatencyMs 250");
        assertThat(CanaryStateMachine.judge(canary, analysis, reading(30, 60, 500, 0, 10.0, 0.7, 0.01)).getMessage())
                .isEqualTo("prediction drift (PSI vs its training-time predictions) 0.7000 > maxPredictionDrift 0.2500");
    }

    @Test
    void disagreementWithTheStableVersionIsShownButIsAGateOnlyWhenAsked() {
        var shown = CanaryStateMachine.judge(canary, analysis, reading(0, 30, 500, 0, 10.0, 0.05, 0.34));
        assertThat(shown.getOutcome()).isEqualTo("Pass");
        assertThat(shown.getPredictionDriftVsStable()).isEqualTo(0.34);

        analysis.setMaxPredictionDriftVsStable(0.25);
        assertThat(CanaryStateMachine.judge(canary, analysis, reading(30, 60, 500, 0, 10.0, 0.05, 0.34)).getMessage())
                .isEqualTo("prediction drift (PSI vs stable) 0.3400 > maxPredictionDriftVsStable 0.2500");
    }

    @Test
    void statusSaysTheShareTheCanaryReallyAnsweredCountedByTheStablePods() {
        var result = CanaryStateMachine.judge(canary, analysis, new CanaryReading(T0, T0.plusSeconds(30), false, false, 500, 0, 12.0, 0.01, 0.01,
                routed(4470, 497, 33), false));

        assertThat(result.getServedWeight()).isEqualTo(9.9);
        assertThat(result.getFallbacks()).isEqualTo(33);
        assertThat(canary.getServedWeight()).isEqualTo(10);
    }

    @Test
    void requestsTheStablePodsCouldNotHandToTheCanaryCountAsItsFailures() {
        var result = CanaryStateMachine.judge(canary, analysis, new CanaryReading(T0, T0.plusSeconds(30), false, false, 500, 0, 12.0, 0.01, 0.01,
                routed(4500, 450, 50), false));

        assertThat(result.getOutcome()).isEqualTo("Fail");
        assertThat(result.getMessage()).isEqualTo("50 of 500 requests routed to the canary were answered by the stable version instead"
                + " (the canary could not be reached, timed out or failed): 0.1000 > maxErrorRate 0.0100");
    }

    @Test
    void anIntervalBeforeEveryStablePodAppliedTheStepsRoutingHasNoVerdict() {
        var result = CanaryStateMachine.judge(canary, analysis, new CanaryReading(T0, T0.plusSeconds(30), false, false, 500, 0, 12.0, 0.01, 0.01,
                routed(4500, 500, 0), true));

        assertThat(result.getOutcome()).isEqualTo("Inconclusive");
        assertThat(result.getMessage()).isEqualTo("not every stable pod had applied this step's routing (10% to v2) during the interval: no verdict");
    }

    @Test
    void aShadowStepGivesClientsNothingAndCarriesItsShareAsMirrors() {
        CanaryStatus shadowing = CanaryStateMachine.start(2, "credit-risk-v2", SHADOW_FIRST, 4, T0);

        assertThat(shadowing.getWeight()).isZero();
        assertThat(shadowing.getShadow()).isEqualTo(100);
        assertThat(CanaryStateMachine.share(shadowing)).isEqualTo(100);
        assertThat(CanaryStateMachine.stepText(shadowing)).isEqualTo("shadow 100%");
        assertThat(CanaryStateMachine.key(shadowing)).isEqualTo(new CanaryKey(2, 0, "2026-03-01T12:00:00Z", 0, 100));
    }

    @Test
    void aShadowStepReportsAgreementAlwaysAndGatesOnItOnlyWhenAsked() {
        CanaryStatus shadowing = CanaryStateMachine.start(2, "credit-risk-v2", SHADOW_FIRST, 4, T0);
        var shown = CanaryStateMachine.judge(shadowing, analysis, shadow(0, 30, 1000, 700, 120.0));
        assertThat(shown.getOutcome()).isEqualTo("Pass");
        assertThat(shown.getAgreement()).isEqualTo(0.7);
        assertThat(shown.getMeanAbsDelta()).isEqualTo(0.12);
        assertThat(shown.getShadowRequests()).isEqualTo(1000);
        assertThat(shown.getServedWeight()).isEqualTo(0.0);

        analysis.setMinAgreement(0.9);
        assertThat(CanaryStateMachine.judge(shadowing, analysis, shadow(30, 60, 1000, 700, 120.0)).getMessage())
                .isEqualTo("decisions agree with the stable version's on 0.7000 of 1000 mirrored rows < minAgreement 0.9000");
        analysis.setMinAgreement(null);
        analysis.setMaxMeanAbsDelta(0.1);
        assertThat(CanaryStateMachine.judge(shadowing, analysis, shadow(60, 90, 1000, 990, 120.0)).getMessage())
                .isEqualTo("mean |prediction - stable prediction| 0.1200 over 1000 mirrored rows > maxMeanAbsDelta 0.1000");
    }

    @Test
    void aShadowStepWithNothingComparedHasNoVerdict() {
        CanaryStatus shadowing = CanaryStateMachine.start(2, "credit-risk-v2", SHADOW_FIRST, 4, T0);

        var result = CanaryStateMachine.judge(shadowing, analysis, shadow(0, 30, 0, 0, 0));

        assertThat(result.getOutcome()).isEqualTo("Inconclusive");
        assertThat(result.getMessage()).isEqualTo("no mirrored request had both answers compared: no verdict");
    }

    @Test
    void mirrorsThatGetNoUsableAnswerFailLikeErrors() {
        CanaryStatus shadowing = CanaryStateMachine.start(2, "credit-risk-v2", SHADOW_FIRST, 4, T0);
        RoutedTraffic failing = new RoutedTraffic(1000, 0, 0, 1000, 0, 200, 800, 800, 800, 8.0, new long[0], new long[0]);

        var result = CanaryStateMachine.judge(shadowing, analysis, new CanaryReading(T0, T0.plusSeconds(30), false, false, 1000, 0, 12.0, 0.01, 0.01, failing, false));

        assertThat(result.getMessage()).isEqualTo("200 of 1000 mirrored requests got no usable answer from the canary: 0.2000 > maxErrorRate 0.0100");
    }

    @Test
    void rollbackAtAShadowStepSaysSo() {
        CanaryStatus shadowing = CanaryStateMachine.start(2, "credit-risk-v2", SHADOW_FIRST, 4, T0);
        analysis.setFailureLimit(0);
        analysis.setMinAgreement(0.9);
        CanaryStateMachine.judge(shadowing, analysis, shadow(0, 30, 1000, 500, 10.0));

        assertThat(CanaryStateMachine.decide(shadowing, SHADOW_FIRST, analysis, T0.plusSeconds(30))).isEqualTo(Rollback);
        assertThat(CanaryStateMachine.rollbackReason(shadowing)).startsWith("canary v2 rolled back at step 0 (shadow 100%) after 1 failed measurements: decisions agree");
    }

    @Test
    void keepsABoundedHistoryAndKnowsWhatItRecorded() {
        for (int i = 0; i < 15; i++) {
            CanaryStateMachine.judge(canary, analysis, good(30L * i, 30L * (i + 1)));
        }
        assertThat(canary.getAnalysis()).hasSize(10);
        assertThat(canary.getAnalysis().get(0).getTime()).isEqualTo("2026-03-01T12:07:30Z");
        assertThat(CanaryStateMachine.recorded(canary, T0.plusSeconds(420), T0.plusSeconds(450))).isTrue();
        assertThat(CanaryStateMachine.recorded(canary, T0.plusSeconds(450), T0.plusSeconds(480))).isFalse();
    }

    private static final List<CanaryStep> SHADOW_FIRST = List.of(Rollouts.shadowStep(100, "1m"), step(10, "1m"), step(100, null));

    /** A shadow interval: every request answered by stable and mirrored; {@code rows} compared, {@code agreeing} alike. */
    static CanaryReading shadow(long fromSecond, long toSecond, long rows, long agreeing, double absDeltaSum) {
        RoutedTraffic traffic = new RoutedTraffic(1000, 0, 0, 1000, 0, 0, rows, rows, agreeing, absDeltaSum, new long[0], new long[0]);
        return new CanaryReading(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond), false, false, 1000, 0, 12.0, 0.01, 0.01, traffic, false);
    }

    static RoutedTraffic routed(long local, long forwarded, long fallback) {
        return new RoutedTraffic(local, forwarded, fallback, 0, 0, 0, 0, 0, 0, 0, new long[0], new long[0]);
    }

    static CanaryReading good(long fromSecond, long toSecond) {
        return reading(fromSecond, toSecond, 500, 0, 12.0, 0.01, 0.01);
    }

    static CanaryReading reading(long fromSecond, long toSecond, long requests, long errors, double p99, double drift, double vsStable) {
        return new CanaryReading(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond), false, false, requests, errors, p99, drift, vsStable,
                routed(requests * 9, requests, 0), false);
    }

    static CanaryStep step(int weight, String pause) {
        CanaryStep step = new CanaryStep();
        step.setWeight(weight);
        step.setPause(pause);
        return step;
    }
}
