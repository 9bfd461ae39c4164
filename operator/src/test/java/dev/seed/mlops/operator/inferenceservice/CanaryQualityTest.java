package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.seed.mlops.api.v1alpha1.AnalysisResult;
import dev.seed.mlops.api.v1alpha1.CanaryAnalysis;
import dev.seed.mlops.api.v1alpha1.CanaryQualityGate;
import dev.seed.mlops.api.v1alpha1.CanaryQualityJob;
import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanaryQualityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<CanaryStep> STEPS = List.of(CanaryStateMachineTest.step(10, null), CanaryStateMachineTest.step(100, null));

    private final CanaryQualityGate gate = gate(Metric.auc, 0.05, 200);
    private final CanaryStatus canary = CanaryStateMachine.start(2, "credit-risk-v2", STEPS, 4, T0);
    private final List<PlannedEvent> events = new ArrayList<>();

    @Test
    void withoutAGateNoJobIsOrderedAndNoComparisonStateIsKept() {
        canary.setQuality(new CanaryQualityJob());

        CanaryQuality.Outcome outcome = CanaryQuality.step("scoring", "credit-risk", Optional.empty(), canary, 1, Optional.empty(), T0, events);

        assertThat(outcome.start()).isEmpty();
        assertThat(canary.getQuality()).isNull();
    }

    @Test
    void theJobNameOfTheLongestServiceIsALabelValueUntilTheYear9999() {
        String job = CanaryQuality.jobName("s".repeat(InferenceService.MAX_NAME_LENGTH), Instant.parse("9999-12-31T23:59:00Z"));

        assertThat(job).hasSizeLessThanOrEqualTo(63).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    }

    @Test
    void theFirstComparisonScoresBothVersionsFromTheCanarysStartUntilNow() {
        CanaryQuality.Outcome outcome = step(T0.plusSeconds(30), Optional.empty());

        assertThat(outcome.start()).contains(new CanaryQuality.Order("scoring-cq-" + Long.toString(T0.plusSeconds(30).getEpochSecond() / 60, 36),
                "credit-risk", 1, 2, T0, T0.plusSeconds(30)));
        assertThat(canary.getQuality().getSince()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(canary.getQuality().getJob()).isEqualTo(outcome.start().get().name());
        assertThat(canary.getQuality().getNextEvaluation()).isEqualTo("2026-03-01T12:05:30Z");
    }

    @Test
    void aGateAddedAfterTheFirstStepComparesFromThenOn() {
        canary.setStep(1);

        step(T0.plusSeconds(90), Optional.empty());

        assertThat(canary.getQuality().getSince()).isEqualTo("2026-03-01T12:01:30Z");
    }

    @Test
    void theNextComparisonWaitsForEvery() {
        String first = step(T0.plusSeconds(30), Optional.empty()).start().orElseThrow().name();
        step(T0.plusSeconds(60), Optional.of(succeeded(first, figures(0.80, 900, 0.79, 400))));

        CanaryQuality.Outcome tooSoon = step(T0.plusSeconds(300), Optional.empty());
        assertThat(tooSoon.start()).isEmpty();
        assertThat(tooSoon.wakeUp()).contains(T0.plusSeconds(330));
        assertThat(step(T0.plusSeconds(330), Optional.empty()).start()).isPresent();
    }

    @Test
    void aCanaryWithinMaxDegradationOfStablePassesAndBothValuesAreRecorded() {
        AnalysisResult result = judged(figures(0.80, 900, 0.79, 400));

        assertThat(result.getOutcome()).isEqualTo(CanaryStateMachine.PASS);
        assertThat(result.getQuality().getStable()).isEqualTo(0.80);
        assertThat(result.getQuality().getCanary()).isEqualTo(0.79);
        assertThat(result.getQuality().getStableLabelled()).isEqualTo(900);
        assertThat(result.getQuality().getCanaryLabelled()).isEqualTo(400);
        assertThat(result.getQuality().getDegradation()).isCloseTo(0.0125, offset(1e-9));
        assertThat(result.getFrom()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(result.getTime()).isEqualTo("2026-03-01T12:00:30Z");
        assertThat(canary.getFailures()).isZero();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EventReason.CanaryQualityCompared);
            assertThat(e.message()).contains("auc of canary v2 0.7900 on 400 labels, of stable v1 0.8000 on 900 labels", "relative loss 0.0125");
        });
    }

    @Test
    void aCanaryWorseThanStableByMoreThanMaxDegradationIsAFailedMeasurement() {
        AnalysisResult result = judged(figures(0.80, 900, 0.70, 400));

        assertThat(result.getOutcome()).isEqualTo(CanaryStateMachine.FAIL);
        assertThat(result.getMessage()).isEqualTo("auc of canary v2 0.7000 on 400 labels, of stable v1 0.8000 on 900 labels: relative loss 0.1250"
                + " > maxDegradation 0.0500");
        assertThat(canary.getFailures()).isEqualTo(1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.reason()).isEqualTo(EventReason.CanaryAnalysisFailed);
        });
    }

    @Test
    void forAnErrorMetricAHigherCanaryValueIsTheLoss() {
        canaryGate(gate(Metric.rmse, 0.10, 200));

        assertThat(judged(Map.of("v1.rmse", 2.0, "v1.labelled", 500.0, "v2.rmse", 2.1, "v2.labelled", 500.0)).getOutcome())
                .isEqualTo(CanaryStateMachine.PASS);
        assertThat(judged(Map.of("v1.rmse", 2.0, "v1.labelled", 500.0, "v2.rmse", 2.5, "v2.labelled", 500.0)).getOutcome())
                .isEqualTo(CanaryStateMachine.FAIL);
    }

    @Test
    void aCanaryBetterThanStableHasANegativeDegradationAndPasses() {
        AnalysisResult result = judged(figures(0.70, 900, 0.84, 400));

        assertThat(result.getOutcome()).isEqualTo(CanaryStateMachine.PASS);
        assertThat(result.getQuality().getDegradation()).isCloseTo(-0.2, offset(1e-9));
    }

    @Test
    void tooFewLabelsOfEitherVersionIsInconclusiveAndNeverAFailure() {
        AnalysisResult result = judged(figures(0.80, 900, 0.40, 150));

        assertThat(result.getOutcome()).isEqualTo(CanaryStateMachine.INCONCLUSIVE);
        assertThat(result.getMessage()).contains("of canary v2 0.4000 on 150 labels", "fewer than minLabels 200");
        assertThat(result.getQuality().getCanaryLabelled()).isEqualTo(150);
        assertThat(canary.getFailures()).isZero();
    }

    @Test
    void aResultWithoutTheCanarysFiguresIsInconclusive() {
        AnalysisResult result = judged(Map.of("v1.auc", 0.8, "v1.labelled", 900.0));

        assertThat(result.getOutcome()).isEqualTo(CanaryStateMachine.INCONCLUSIVE);
        assertThat(result.getQuality().getCanary()).isNull();
        assertThat(result.getQuality().getCanaryLabelled()).isZero();
    }

    @Test
    void aFailedJobIsInconclusiveWithAWarning() {
        String name = step(T0.plusSeconds(30), Optional.empty()).start().orElseThrow().name();

        step(T0.plusSeconds(60), Optional.of(job(name, true, new JobOutcome(JobOutcome.State.Failed, Optional.empty(), "BackoffLimitExceeded",
                "cannot read the store", 1))));

        assertThat(canary.getAnalysis().get(0).getOutcome()).isEqualTo(CanaryStateMachine.INCONCLUSIVE);
        assertThat(canary.getAnalysis().get(0).getMessage()).isEqualTo("could not compare quality: quality Job " + name + " failed: cannot read the store");
        assertThat(canary.getQuality().getJob()).isNull();
        assertThat(canary.getFailures()).isZero();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(EventReason.QualityEvaluationFailed));
    }

    @Test
    void aJobThatVanishedIsInconclusiveOnlyAfterAGracePeriod() {
        step(T0.plusSeconds(30), Optional.empty());

        CanaryQuality.Outcome early = step(T0.plusSeconds(45), Optional.empty());
        assertThat(early.wakeUp()).contains(T0.plusSeconds(50));
        assertThat(canary.getAnalysis()).isEmpty();

        step(T0.plusSeconds(90), Optional.empty());
        assertThat(canary.getAnalysis().get(0).getMessage()).endsWith("vanished before its result was read");
    }

    @Test
    void aJobNameHeldByAnotherOwnerIsInconclusive() {
        String name = step(T0.plusSeconds(30), Optional.empty()).start().orElseThrow().name();

        step(T0.plusSeconds(31), Optional.of(job(name, false, new JobOutcome(JobOutcome.State.Running, Optional.empty(), "", "", 0))));

        assertThat(canary.getAnalysis().get(0).getOutcome()).isEqualTo(CanaryStateMachine.INCONCLUSIVE);
        assertThat(canary.getAnalysis().get(0).getMessage()).contains("is held by");
    }

    @Test
    void aRunningJobIsFollowedWithoutOrderingAnother() {
        String name = step(T0.plusSeconds(30), Optional.empty()).start().orElseThrow().name();

        CanaryQuality.Outcome running = step(T0.plusSeconds(400), Optional.of(job(name, true,
                new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0))));

        assertThat(running.start()).isEmpty();
        assertThat(canary.getQuality().getJob()).isEqualTo(name);
    }

    @Test
    void theLastStepPromotesOnlyAfterAQualityPassMeasuredThere() {
        CanaryAnalysis analysis = new CanaryAnalysis();
        analysis.setQuality(gate);
        CanaryStateMachine.enter(canary, 1, STEPS.get(1));
        canary.setStepStartedAt("2026-03-01T12:00:40Z");
        judged(figures(0.80, 900, 0.80, 400));
        CanaryStateMachine.judge(canary, analysis, CanaryStateMachineTest.good(45, 75));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(80)))
                .as("a traffic pass and a quality pass whose window ended before the step").isEqualTo(CanaryStateMachine.Decision.Hold);

        step(T0.plusSeconds(600), Optional.empty());
        String name = canary.getQuality().getJob();
        step(T0.plusSeconds(610), Optional.of(succeeded(name, figures(0.80, 900, 0.80, 400))));
        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(610))).isEqualTo(CanaryStateMachine.Decision.Promote);
    }

    @Test
    void aQualityPassAloneDoesNotAdvanceAStep() {
        CanaryAnalysis analysis = new CanaryAnalysis();
        analysis.setQuality(gate);
        judged(figures(0.80, 900, 0.80, 400));

        assertThat(CanaryStateMachine.decide(canary, STEPS, analysis, T0.plusSeconds(600))).isEqualTo(CanaryStateMachine.Decision.Hold);
    }

    private CanaryQualityGate gateInUse = gate;

    private void canaryGate(CanaryQualityGate replaced) {
        gateInUse = replaced;
    }

    private CanaryQuality.Outcome step(Instant now, Optional<ObservedJob> job) {
        return CanaryQuality.step("scoring", "credit-risk", Optional.of(gateInUse), canary, 1, job, now, events);
    }

    /** Orders a comparison of the window since T0 at T0+30s and completes it with these figures; returns what was recorded. */
    private AnalysisResult judged(Map<String, Double> figures) {
        CanaryQualityJob fresh = new CanaryQualityJob();
        fresh.setSince("2026-03-01T12:00:00Z");
        canary.setQuality(fresh);
        String name = step(T0.plusSeconds(30), Optional.empty()).start().orElseThrow().name();
        events.clear();
        step(T0.plusSeconds(60), Optional.of(succeeded(name, figures)));
        return canary.getAnalysis().get(0);
    }

    static Map<String, Double> figures(double stable, double stableLabelled, double canary, double canaryLabelled) {
        return Map.of("v1.auc", stable, "v1.labelled", stableLabelled, "v2.auc", canary, "v2.labelled", canaryLabelled, "refused", 0.0);
    }

    static ObservedJob succeeded(String name, Map<String, Double> figures) {
        JobResult result = new JobResult("evaluate-quality", true, null, null, 1300L, null, null, figures, "scored");
        return job(name, true, new JobOutcome(JobOutcome.State.Succeeded, Optional.of(result), "Complete", "", 0));
    }

    static ObservedJob job(String name, boolean owned, JobOutcome outcome) {
        return new ObservedJob(name, owned, T0, outcome, owned ? "InferenceService scoring" : "DriftPolicy other");
    }

    static CanaryQualityGate gate(Metric metric, double maxDegradation, long minLabels) {
        CanaryQualityGate gate = new CanaryQualityGate();
        gate.setMetric(metric);
        gate.setMaxDegradation(maxDegradation);
        gate.setMinLabels(minLabels);
        return gate;
    }
}
