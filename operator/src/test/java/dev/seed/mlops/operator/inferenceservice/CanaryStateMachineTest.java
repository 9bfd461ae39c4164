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
        assertThat(CanaryStateMachine.key(canary)).isEqualTo(new CanaryKey(2, 0, "2026-03-01T12:00:00Z"));
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
        CanaryReading restarted = new CanaryReading(T0, T0.plusSeconds(30), false, true, 500, 0, 10, 0.01, 0.01);

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
    void keepsABoundedHistoryAndKnowsWhatItRecorded() {
        for (int i = 0; i < 15; i++) {
            CanaryStateMachine.judge(canary, analysis, good(30L * i, 30L * (i + 1)));
        }
        assertThat(canary.getAnalysis()).hasSize(10);
        assertThat(canary.getAnalysis().get(0).getTime()).isEqualTo("2026-03-01T12:07:30Z");
        assertThat(CanaryStateMachine.recorded(canary, T0.plusSeconds(420), T0.plusSeconds(450))).isTrue();
        assertThat(CanaryStateMachine.recorded(canary, T0.plusSeconds(450), T0.plusSeconds(480))).isFalse();
    }

    static CanaryReading good(long fromSecond, long toSecond) {
        return reading(fromSecond, toSecond, 500, 0, 12.0, 0.01, 0.01);
    }

    static CanaryReading reading(long fromSecond, long toSecond, long requests, long errors, double p99, double drift, double vsStable) {
        return new CanaryReading(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond), false, false, requests, errors, p99, drift, vsStable);
    }

    static CanaryStep step(int weight, String pause) {
        CanaryStep step = new CanaryStep();
        step.setWeight(weight);
        step.setPause(pause);
        return step;
    }
}
