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
    private static final CanaryMeasurement GOOD = new CanaryMeasurement(500, 0, 12.0, 0.01);
    private static final List<CanaryStep> STEPS = List.of(step(10, "1m"), step(50, "1m"), step(100, null));

    private final CanaryAnalysis analysis = new CanaryAnalysis();
    private final CanaryStatus canary = CanaryStateMachine.start(2, "credit-risk-v2", STEPS, T0);

    @Test
    void startsAtTheFirstStepsWeight() {
        assertThat(canary.getStep()).isZero();
        assertThat(canary.getWeight()).isEqualTo(10);
        assertThat(CanaryStateMachine.measurementDue(canary, analysis, T0)).isTrue();
    }

    @Test
    void advancesOnlyAfterAPassingMeasurementAndThePause() {
        CanaryStateMachine.judge(canary, analysis, GOOD, T0.plusSeconds(30));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(30))).isEqualTo(Hold);

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Advance);
        assertThat(canary.getStep()).isEqualTo(1);
        assertThat(canary.getWeight()).isEqualTo(50);
        assertThat(canary.getStepStartedAt()).isEqualTo("2026-03-01T12:01:00Z");
    }

    @Test
    void aPassFromAnEarlierStepDoesNotCountForTheNextOne() {
        CanaryStateMachine.judge(canary, analysis, GOOD, T0.plusSeconds(30));
        CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60));

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(200))).isEqualTo(Hold);
    }

    @Test
    void noDataIsInconclusiveAndNeverAdvances() {
        var result = CanaryStateMachine.judge(canary, analysis, new CanaryMeasurement(3, 0, Double.NaN, Double.NaN), T0.plusSeconds(30));

        assertThat(result.getOutcome()).isEqualTo("Inconclusive");
        assertThat(result.getMessage()).isEqualTo("3 requests, fewer than minRequests 100: no verdict");
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(3600))).isEqualTo(Hold);
        assertThat(canary.getFailures()).isZero();
    }

    @Test
    void failuresBeyondTheLimitRollBackNamingTheMeasurement() {
        analysis.setFailureLimit(1);
        CanaryMeasurement failing = new CanaryMeasurement(400, 40, 12.0, 0.01);
        CanaryStateMachine.judge(canary, analysis, failing, T0.plusSeconds(30));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(30))).isEqualTo(Hold);

        CanaryStateMachine.judge(canary, analysis, failing, T0.plusSeconds(60));

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(60))).isEqualTo(Rollback);
        assertThat(CanaryStateMachine.rollbackReason(canary))
                .isEqualTo("canary v2 rolled back at step 0 (10%) after 2 failed measurements: error rate 0.1000 > maxErrorRate 0.0100 (40 of 400 requests failed)");
    }

    @Test
    void latencyAndPredictionDriftFailToo() {
        assertThat(CanaryStateMachine.judge(canary, analysis, new CanaryMeasurement(500, 0, 900.0, 0.01), T0).getMessage())
                .isEqualTo("p99 latency 900.0 ms > maxP99LatencyMs 250");
        assertThat(CanaryStateMachine.judge(canary, analysis, new CanaryMeasurement(500, 0, 10.0, 0.7), T0).getMessage())
                .isEqualTo("prediction drift (PSI vs stable) 0.7000 > maxPredictionDrift 0.2000");
    }

    @Test
    void promotesAfterThePassingLastStep() {
        canary.setStep(2);
        canary.setWeight(100);
        CanaryStateMachine.judge(canary, analysis, GOOD, T0.plusSeconds(1));

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(1))).isEqualTo(Promote);
    }

    @Test
    void measuresOncePerIntervalAndKeepsABoundedHistory() {
        CanaryStateMachine.judge(canary, analysis, GOOD, T0);
        assertThat(CanaryStateMachine.measurementDue(canary, analysis, T0.plusSeconds(29))).isFalse();
        assertThat(CanaryStateMachine.measurementDue(canary, analysis, T0.plusSeconds(30))).isTrue();

        for (int i = 1; i <= 15; i++) {
            CanaryStateMachine.judge(canary, analysis, GOOD, T0.plusSeconds(30L * i));
        }
        assertThat(canary.getAnalysis()).hasSize(10);
        assertThat(canary.getAnalysis().get(0).getTime()).isEqualTo("2026-03-01T12:07:30Z");
    }

    private static CanaryStep step(int weight, String pause) {
        CanaryStep step = new CanaryStep();
        step.setWeight(weight);
        step.setPause(pause);
        return step;
    }
}
