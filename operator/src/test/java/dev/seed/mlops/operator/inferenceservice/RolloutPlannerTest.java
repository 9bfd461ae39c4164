package dev.seed.mlops.operator.inferenceservice;

import static dev.seed.mlops.operator.inferenceservice.Rollouts.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.ModelSource;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.inferenceservice.Rollouts.World;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private InferenceService isvc = Rollouts.service(4, step(25, null), step(100, null));
    private final World world = new World();

    @Test
    void servesTheNewestValidatedVersionFirst() {
        world.version(1, 2);
        ServingPlan plan = plan(T0);

        assertThat(plan.status().getStable().getModelVersion()).isEqualTo("credit-risk-v2");
        assertThat(plan.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(4));
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.ServingStarted);
    }

    @Test
    void promotesOnlyAfterAPassMeasuredAtTheLastStep() {
        servingV1ThenCanaryV2();
        advanceToTheLastStepAt40s();

        ServingPlan sameMeasurementAgain = plan(T0.plusSeconds(41));
        assertThat(sameMeasurementAgain.status().getCanary()).isNotNull();
        assertThat(sameMeasurementAgain.status().getHistory()).isEmpty();
        accept(sameMeasurementAgain);

        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), CanaryStateMachineTest.good(0, 0)
                .withWindow(T0.plusSeconds(45), T0.plusSeconds(75)));
        ServingPlan promoted = plan(T0.plusSeconds(75));
        assertThat(promoted.status().getCanary()).isNull();
        assertThat(promoted.status().getStable().getVersion()).isEqualTo(2);
        assertThat(promoted.rolloutEnded()).contains("promoted");
    }

    @Test
    void withAQualityGateBothVersionsAreComparedOnOneWindowAndTheLastStepWaitsForAQualityPassThere() {
        isvc.getSpec().getCanary().getAnalysis().setQuality(CanaryQualityTest.gate(Metric.auc, 0.05, 200));
        servingV1ThenCanaryV2();
        ServingPlan first = plan(T0.plusSeconds(5));
        CanaryQuality.Order order = first.qualityJob().orElseThrow();
        assertThat(order).isEqualTo(new CanaryQuality.Order(CanaryQuality.jobName("scoring", T0.plusSeconds(5)), "credit-risk", 1, 2,
                T0, T0.plusSeconds(5)));
        accept(first);
        world.qualityJob(CanaryQualityTest.job(order.name(), true, new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0)));
        advanceToTheLastStepAt40s();
        passStep(T0.plusSeconds(45), T0.plusSeconds(75));
        world.qualityJob(CanaryQualityTest.succeeded(order.name(), CanaryQualityTest.figures(0.80, 900, 0.80, 400)));

        ServingPlan held = plan(T0.plusSeconds(75));
        assertThat(held.status().getCanary()).as("a pass of traffic at 100% and a quality pass from before the step").isNotNull();
        assertThat(held.status().getCanary().getAnalysis()).anySatisfy(r -> assertThat(r.getQuality()).isNotNull());
        assertThat(Conditions.find(held.status(), Conditions.PROGRESSING).orElseThrow().getMessage())
                .contains("; live labels: Pass, auc of canary v2 0.8000 on 400 labels, of stable v1 0.8000 on 900 labels");
        accept(held);

        ServingPlan second = plan(T0.plusSeconds(305));
        CanaryQuality.Order next = second.qualityJob().orElseThrow();
        assertThat(next.from()).as("the same window start: both versions since the canary started").isEqualTo(T0);
        accept(second);
        world.qualityJob(CanaryQualityTest.succeeded(next.name(), CanaryQualityTest.figures(0.80, 1900, 0.81, 900)));
        ServingPlan promoted = plan(T0.plusSeconds(310));
        assertThat(promoted.status().getCanary()).isNull();
        assertThat(promoted.rolloutEnded()).contains("promoted");
        assertThat(promoted.events()).filteredOn(e -> e.reason() == EventReason.Promoted).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("live labels: auc of canary v2 0.8100 on 900 labels, of stable v1 0.8000 on 1900 labels"));
    }

    @Test
    void aCanaryWorseOnLiveLabelsIsRolledBackEvenWhileItsStepsPodsAreStarting() {
        isvc.getSpec().getCanary().getAnalysis().setQuality(CanaryQualityTest.gate(Metric.auc, 0.05, 200));
        isvc.getSpec().getCanary().getAnalysis().setFailureLimit(0);
        servingV1ThenCanaryV2();
        ServingPlan ordered = plan(T0.plusSeconds(5));
        accept(ordered);
        world.deployment(2, 1, 0);
        world.qualityJob(CanaryQualityTest.succeeded(ordered.qualityJob().orElseThrow().name(), CanaryQualityTest.figures(0.80, 900, 0.60, 400)));

        ServingPlan rolledBack = plan(T0.plusSeconds(30));

        assertThat(rolledBack.status().getCanary()).isNull();
        assertThat(rolledBack.status().getHistory().get(0).getOutcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(rolledBack.status().getHistory().get(0).getReason())
                .contains("auc of canary v2 0.6000 on 400 labels, of stable v1 0.8000 on 900 labels: relative loss 0.2500 > maxDegradation 0.0500");
    }

    @Test
    void aPromotionNamesTheCauseOfTheRetrainThatMadeTheVersion() {
        assertThat(promotedAfterRetrain("drift on feature age: psi 0.3100 > 0.2000 for 2 consecutive checks"))
                .isEqualTo("replaced v1; retrained after drift: drift on feature age: psi 0.3100 > 0.2000 for 2 consecutive checks");
        assertThat(promotedAfterRetrain("quality auc 0.5123 of v1 below the minimum 0.7000 on 6000 labels (2 consecutive evaluations)"))
                .isEqualTo("replaced v1; retrained after a quality breach: quality auc 0.5123 of v1 below the minimum 0.7000 on 6000 labels (2 consecutive evaluations)");
        assertThat(promotedAfterRetrain("scheduled retrain due at 2026-03-01T02:00:00Z (retrain.schedule '0 2 * * *')"))
                .isEqualTo("replaced v1; retrained on schedule: scheduled retrain due at 2026-03-01T02:00:00Z (retrain.schedule '0 2 * * *')");
    }

    /** The reason of the promotion of v2, made by the TrainingJob a DriftPolicy started for this reason. */
    private String promotedAfterRetrain(String triggerReason) {
        isvc = Rollouts.service(4, step(25, null), step(100, null));
        world.versions.clear();
        world.workloads.clear();
        world.addresses.clear();
        RetrainTrigger trigger = new RetrainTrigger();
        trigger.setTrainingJob("credit-risk-drift-retrain-1");
        trigger.setReason(triggerReason);
        DriftPolicy policy = new DriftPolicy();
        policy.setSpec(new dev.seed.mlops.api.v1alpha1.DriftPolicySpec());
        policy.setStatus(new DriftPolicyStatus());
        policy.getStatus().setLastTriggered(trigger);
        world.policy = java.util.Optional.of(policy);
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        world.version(2);
        ModelSource source = new ModelSource();
        source.setTrainingJob("credit-risk-drift-retrain-1");
        world.versions.get(1).getSpec().setSource(source);
        ServingPlan started = plan(T0);
        accept(started);
        world.settle(started);
        passStep(T0.plusSeconds(10), T0.plusSeconds(40));
        ServingPlan advanced = plan(T0.plusSeconds(40));
        accept(advanced);
        world.settle(advanced);
        passStep(T0.plusSeconds(45), T0.plusSeconds(75));
        ServingPlan promoted = plan(T0.plusSeconds(75));
        assertThat(promoted.rolloutEnded()).contains("promoted");
        return promoted.status().getHistory().get(0).getReason();
    }

    @Test
    void asksForABaselineScrapeOnceTheStepsPodsAreReadyAndNotBefore() {
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        world.version(2);
        ServingPlan started = plan(T0.plusSeconds(1));
        accept(started);
        assertThat(started.measure()).isEmpty();

        world.deployment(2, 1, 1);
        assertThat(plan(T0.plusSeconds(5)).measure()).contains(new CanaryKey(2, 0, "2026-03-01T12:00:01Z", 25, 0));
    }

    @Test
    void aCanaryWhosePodsNeverBecomeReadyIsRolledBackAtItsProgressDeadline() {
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        world.version(2);
        accept(plan(T0));
        world.deployment(2, 1, 0);

        assertThat(plan(T0.plusSeconds(599)).status().getCanary()).isNotNull();
        ServingPlan deadline = plan(T0.plusSeconds(600));

        assertThat(deadline.status().getCanary()).isNull();
        assertThat(deadline.status().getHistory().get(0).getOutcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
        assertThat(deadline.status().getHistory().get(0).getReason()).contains("0 of 1 pods ready after progressDeadline 10m");
        assertThat(deadline.serving(1)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(4));
        assertThat(deadline.delete()).as("the stable version never gave up a pod, so the canary goes at once").containsExactly(2L);
    }

    @Test
    void theStableVersionKeepsEveryPodThroughTheCanaryWhichGetsPodsForItsShare() {
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        world.version(2);
        ServingPlan started = plan(T0);

        assertThat(started.serving(1)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(4));
        assertThat(started.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(1));
        accept(started);
        world.deployment(2, 1, 1);
        assertThat(plan(T0.plusSeconds(2)).serving(1)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(4));
    }

    @Test
    void theCanaryGetsItsStepsShareOfRequestsOnlyOnceThePodsForThatShareAreReady() {
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        world.version(2);
        ServingPlan started = plan(T0);
        accept(started);
        world.deployment(2, 1, 0);
        assertThat(plan(T0.plusSeconds(1)).routing().orElseThrow().canary())
                .contains(new Routing.Route(2, Rollouts.World.address(2), 0, 0));

        world.deployment(2, 1, 1);
        Routing routing = plan(T0.plusSeconds(2)).routing().orElseThrow();
        assertThat(routing.stableVersion()).isEqualTo(1);
        assertThat(routing.stableAddress()).isEqualTo(Rollouts.World.address(1));
        assertThat(routing.canary()).contains(new Routing.Route(2, Rollouts.World.address(2), 25, 0));
    }

    @Test
    void aStepWhosePodsAreStillStartingKeepsTheShareOfTheStepBefore() {
        servingV1ThenCanaryV2();
        passStep(T0.plusSeconds(10), T0.plusSeconds(40));
        ServingPlan advanced = plan(T0.plusSeconds(40));
        assertThat(advanced.status().getCanary().getWeight()).isEqualTo(100);
        assertThat(advanced.routing().orElseThrow().canary()).hasValueSatisfying(r -> assertThat(r.weight()).isEqualTo(25));
        accept(advanced);
        world.settle(advanced);

        assertThat(plan(T0.plusSeconds(45)).routing().orElseThrow().canary()).hasValueSatisfying(r -> assertThat(r.weight()).isEqualTo(100));
    }

    @Test
    void aShadowStepMirrorsItsShareToPodsSizedForItAndServesNoClient() {
        isvc = Rollouts.service(4, Rollouts.shadowStep(100, "5m"), step(25, null), step(100, null));
        servingV1ThenCanaryV2();

        ServingPlan plan = plan(T0.plusSeconds(2));

        assertThat(plan.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(4));
        assertThat(plan.routing().orElseThrow().canary()).contains(new Routing.Route(2, Rollouts.World.address(2), 0, 100));
        assertThat(plan.measure()).contains(new CanaryKey(2, 0, "2026-03-01T12:00:00Z", 0, 100));
        assertThat(Conditions.find(plan.status(), Conditions.PROGRESSING).orElseThrow().getMessage()).contains("(shadow 100%)");
    }

    @Test
    void aCanaryWhoseServiceHasNoAddressYetGetsNoRequestsAndIsNotMeasured() {
        servingV1ThenCanaryV2();
        world.withoutAddress(2);

        ServingPlan plan = plan(T0.plusSeconds(2));

        assertThat(plan.routing().orElseThrow().canary()).isEmpty();
        assertThat(plan.measure()).isEmpty();
    }

    @Test
    void afterPromotionEveryRequestGoesToTheNewStableVersion() {
        servingV1ThenCanaryV2();
        passStep(T0.plusSeconds(10), T0.plusSeconds(40));
        accept(plan(T0.plusSeconds(40)));
        world.settle(plan(T0.plusSeconds(40)));
        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), CanaryStateMachineTest.good(0, 0).withWindow(T0.plusSeconds(45), T0.plusSeconds(75)));

        ServingPlan promoted = plan(T0.plusSeconds(75));

        assertThat(promoted.routing()).contains(new Routing(2, Rollouts.World.address(2), java.util.Optional.empty(), 0.05));
    }

    @Test
    void statusSaysTheShareMeasuredByTheStablePodsNotAReplicaRatio() {
        isvc = Rollouts.service(2, step(10, "5m"), step(100, null));
        servingV1ThenCanaryV2();
        assertThat(plan(T0.plusSeconds(2)).status().getCanary().getServedWeight()).as("unknown until measured").isNull();

        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), new CanaryReading(T0.plusSeconds(2), T0.plusSeconds(32), false, false,
                300, 0, 10.0, 0.01, 0.01, CanaryStateMachineTest.routed(2700, 300, 0), false));
        ServingPlan plan = plan(T0.plusSeconds(32));

        assertThat(plan.status().getCanary().getWeight()).isEqualTo(10);
        assertThat(plan.status().getCanary().getServedWeight()).isEqualTo(10);
        assertThat(Conditions.find(plan.status(), Conditions.PROGRESSING).orElseThrow().getMessage()).contains("(10%, served 10%)");
    }

    @Test
    void theAutoscalerIsRemovedDuringACanaryThatKeepsTheScaledReplicasAndTheNewStableKeepsThemAfterPromotion() {
        isvc = Rollouts.autoscaled(2, 10, step(50, null), step(100, null));
        world.version(1);
        ServingPlan first = plan(T0);
        assertThat(first.autoscaler()).isTrue();
        assertThat(first.serving(1)).hasValueSatisfying(s -> assertThat(s.replicas()).isNull());
        accept(first);
        world.deployment(1, 6, 6).version(2);

        ServingPlan started = plan(T0.plusSeconds(1));
        assertThat(started.autoscaler()).isFalse();
        assertThat(started.status().getCanary().getReplicas()).isEqualTo(6);
        assertThat(started.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(3));
        accept(started);
        world.settle(started);
        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), CanaryStateMachineTest.good(0, 0).withWindow(T0.plusSeconds(2), T0.plusSeconds(32)));
        ServingPlan advanced = plan(T0.plusSeconds(32));
        accept(advanced);
        world.settle(advanced);
        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), CanaryStateMachineTest.good(0, 0).withWindow(T0.plusSeconds(33), T0.plusSeconds(63)));

        ServingPlan promoted = plan(T0.plusSeconds(63));
        assertThat(promoted.status().getStable().getVersion()).isEqualTo(2);
        assertThat(promoted.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(6));
        assertThat(promoted.autoscaler()).isFalse();
        accept(promoted);
        world.settle(promoted);

        ServingPlan handedOver = plan(T0.plusSeconds(64));
        assertThat(handedOver.autoscaler()).isTrue();
        assertThat(handedOver.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isNull());
    }

    @Test
    void aRetrainedModelThatPredictsDifferentlyFromTheStaleOneIsNotRolledBackForIt() {
        servingV1ThenCanaryV2();
        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()),
                new CanaryReading(T0.plusSeconds(10), T0.plusSeconds(40), false, false, 500, 0, 10.0, 0.04, 0.34,
                        CanaryStateMachineTest.routed(1500, 500, 0), false));

        ServingPlan plan = plan(T0.plusSeconds(40));

        assertThat(plan.status().getCanary().getAnalysis().get(0).getOutcome()).isEqualTo("Pass");
        assertThat(plan.status().getCanary().getAnalysis().get(0).getPredictionDriftVsStable()).isEqualTo(0.34);
    }

    @Test
    void aMeasurementOfTheStepBeforeIsNeverJudgedForThisOne() {
        servingV1ThenCanaryV2();
        passStep(T0.plusSeconds(10), T0.plusSeconds(40));
        accept(plan(T0.plusSeconds(40)));
        world.measured(new CanaryKey(2, 0, "2026-03-01T12:00:00Z", 25, 0), CanaryStateMachineTest.good(0, 0).withWindow(T0.plusSeconds(41), T0.plusSeconds(71)));

        ServingPlan plan = plan(T0.plusSeconds(71));

        assertThat(plan.status().getCanary().getStep()).isEqualTo(1);
        assertThat(plan.status().getCanary().getAnalysis()).allMatch(r -> r.getStep() == 0);
    }

    @Test
    void aFailedMeasurementIsRecordedOnceAsInconclusive() {
        servingV1ThenCanaryV2();
        world.failedMeasurement(CanaryStateMachine.key(isvc.getStatus().getCanary()), T0.plusSeconds(10), T0.plusSeconds(20), "no answer within 10 s");
        ServingPlan plan = plan(T0.plusSeconds(20));
        accept(plan);

        assertThat(plan.status().getCanary().getAnalysis()).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo("Inconclusive");
            assertThat(r.getMessage()).isEqualTo("could not measure the canary: no answer within 10 s");
        });
        assertThat(plan(T0.plusSeconds(21)).status().getCanary().getAnalysis()).hasSize(1);
    }

    @Test
    void aNewerVersionSupersedesARunningCanaryWithoutRejectingIt() {
        servingV1ThenCanaryV2();
        world.version(3);

        ServingPlan plan = plan(T0.plusSeconds(20));

        assertThat(plan.status().getHistory().get(0).getOutcome()).isEqualTo(RolloutOutcome.SUPERSEDED);
        assertThat(plan.status().getCanary().getModelVersion()).isEqualTo("credit-risk-v3");
    }

    @Test
    void aSupersededCanaryGoesAtOnceSinceTheStablePodsCarryEveryRequest() {
        isvc = Rollouts.service(2, step(80, null), step(100, null));
        world.version(1).deployment(1, 2, 2);
        accept(plan(T0));
        world.version(2);
        ServingPlan started = plan(T0);
        accept(started);
        world.settle(started);
        world.settle(plan(T0.plusSeconds(1)));
        world.version(3);

        ServingPlan superseded = plan(T0.plusSeconds(2));

        assertThat(superseded.status().getCanary().getVersion()).isEqualTo(3);
        assertThat(superseded.routing().orElseThrow().canary()).as("v3 has no Service address yet: no request leaves the stable pods").isEmpty();
        assertThat(superseded.serving(1)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(2));
        assertThat(superseded.delete()).as("a request still forwarded to v2 falls back to the stable pod that sent it").containsExactly(2L);
    }

    @Test
    void aCanaryStartedByAnOlderOperatorResumesWithTheServicesTotal() {
        servingV1ThenCanaryV2();
        isvc.getStatus().getCanary().setReplicas(null);

        ServingPlan plan = plan(T0.plusSeconds(5));

        assertThat(plan.status().getCanary().getReplicas()).isEqualTo(4);
        assertThat(plan.serving(2)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(1));
    }

    @Test
    void aPinToAVersionThatDoesNotExistIsReportedWhileTheStableKeepsServing() {
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        isvc.getSpec().setVersion(7L);
        isvc.getMetadata().setGeneration(2L);

        ServingPlan plan = plan(T0.plusSeconds(1));

        var ready = Conditions.find(plan.status(), Conditions.READY).orElseThrow();
        assertThat(ready.getReason()).isEqualTo("PinnedVersionNotFound");
        assertThat(ready.getMessage()).isEqualTo("pinned version 7 of model credit-risk does not exist; credit-risk-v1 keeps serving with 4 ready pods");
        assertThat(plan.events()).extracting(PlannedEvent::reason).containsExactly(EventReason.PinnedVersionNotFound);
        assertThat(plan.serving(1)).isPresent();
        accept(plan);
        assertThat(plan(T0.plusSeconds(2)).events()).isEmpty();
    }

    @Test
    void aReplacedVersionIsScaledToZeroOnlyOnceTheNewStableIsFullyReady() {
        servingV1ThenCanaryV2();
        passStep(T0.plusSeconds(10), T0.plusSeconds(40));
        ServingPlan advanced = plan(T0.plusSeconds(40));
        accept(advanced);
        world.deployment(2, 4, 2);
        ServingPlan halfway = plan(T0.plusSeconds(45));
        assertThat(halfway.serving(1)).hasValueSatisfying(s -> assertThat(s.replicas()).isEqualTo(4));
        accept(halfway);
        world.deployment(2, 4, 4);
        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), CanaryStateMachineTest.good(0, 0).withWindow(T0.plusSeconds(46), T0.plusSeconds(76)));
        ServingPlan promoted = plan(T0.plusSeconds(76));
        assertThat(promoted.status().getStable().getVersion()).isEqualTo(2);
        assertThat(promoted.scaleToZero()).as("v1 kept every pod until v2 was fully ready").containsExactly(1L);
        assertThat(promoted.delete()).isEmpty();
    }

    private void servingV1ThenCanaryV2() {
        world.version(1).deployment(1, 4, 4);
        accept(plan(T0));
        world.version(2);
        ServingPlan started = plan(T0);
        accept(started);
        world.settle(started);
    }

    /** A pass at the first step (25%) advances the canary to 100% at T0+40s, with its pods ready. */
    private void advanceToTheLastStepAt40s() {
        passStep(T0.plusSeconds(10), T0.plusSeconds(40));
        ServingPlan advanced = plan(T0.plusSeconds(40));
        assertThat(advanced.status().getCanary().getWeight()).isEqualTo(100);
        accept(advanced);
        world.settle(advanced);
        world.settle(plan(T0.plusSeconds(40)));
    }

    private void passStep(Instant from, Instant to) {
        world.measured(CanaryStateMachine.key(isvc.getStatus().getCanary()), CanaryStateMachineTest.good(0, 0).withWindow(from, to));
    }

    private ServingPlan plan(Instant now) {
        return RolloutPlanner.plan(isvc, world.observation(), now);
    }

    private void accept(ServingPlan plan) {
        isvc.setStatus(plan.status());
    }
}
