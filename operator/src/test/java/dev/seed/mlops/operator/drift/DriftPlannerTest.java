package dev.seed.mlops.operator.drift;

import static dev.seed.mlops.operator.drift.DriftFixtures.answered;
import static dev.seed.mlops.operator.drift.DriftFixtures.breach;
import static dev.seed.mlops.operator.drift.DriftFixtures.clear;
import static dev.seed.mlops.operator.drift.DriftFixtures.failed;
import static dev.seed.mlops.operator.drift.DriftFixtures.inCanary;
import static dev.seed.mlops.operator.drift.DriftFixtures.job;
import static dev.seed.mlops.operator.drift.DriftFixtures.rolledBack;
import static dev.seed.mlops.operator.drift.DriftFixtures.serving;
import static dev.seed.mlops.operator.drift.DriftFixtures.trained;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.Measurements.Measured;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftPlannerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final DriftPolicySpec spec = DriftFixtures.retrainSpec();
    private DriftPolicyStatus status;
    private Instant now = T0;
    private Optional<DriftObservation.Target> target = Optional.of(serving(1));
    private Optional<DriftObservation.Retrain> retrain = Optional.empty();
    private String uid;

    private DriftPlan plan(Optional<Measured<ReadingKey, DriftReading>> latest, boolean inFlight) {
        DriftPlan plan = DriftPlanner.next(DriftFixtures.POLICY, uid, spec, 1, status, new DriftObservation(target, latest, inFlight, retrain),
                now);
        status = plan.status();
        return plan;
    }

    /** One check: the planner asks for a reading, and takes it when it is back. */
    private DriftPlan check(DriftReading reading) {
        DriftPlan ask = plan(Optional.empty(), false);
        assertThat(ask.measure()).as("a reading is asked for when the check is due").isPresent();
        return plan(answered(ask.measure().get(), reading, now), false);
    }

    private void minutesPass(long minutes) {
        now = now.plus(Duration.ofMinutes(minutes));
    }

    private DriftPlan sustainedBreach() {
        DriftPlan plan = null;
        for (int i = 0; i < spec.getConsecutiveBreaches(); i++) {
            plan = check(breach(1000));
            minutesPass(1);
        }
        return plan;
    }

    private Condition condition(String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void aNewPolicyAsksAtOnceForAReadingKeyedByVersionAndDueTime() {
        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(plan.measure()).contains(new ReadingKey(1, T0));
        assertThat(plan.requeueAfter()).isEqualTo(DriftPlanner.READING_DEADLINE);
        assertThat(status.getLastEvaluated()).isNull();
    }

    @Test
    void noSecondReadingIsAskedForWhileOneIsInFlight() {
        plan(Optional.empty(), false);

        assertThat(plan(Optional.empty(), true).measure()).isEmpty();
    }

    @Test
    void aReadingOfAnEarlierCheckOrAnotherVersionIsNeverTakenForTheDueOne() {
        DriftPlan plan = plan(answered(new ReadingKey(1, T0.minusSeconds(60)), breach(1000), now), false);
        assertThat(plan.measure()).contains(new ReadingKey(1, T0));
        plan = plan(answered(new ReadingKey(2, T0), breach(1000), now), false);

        assertThat(status.getLastEvaluated()).isNull();
        assertThat(status.getConsecutiveBreaches()).isZero();
    }

    @Test
    void theNextCheckIsDueACheckIntervalAfterTheLast() {
        check(clear(1000));

        assertThat(status.getNextEvaluation()).isEqualTo("2026-03-01T10:01:00Z");
        minutesPass(1);
        assertThat(plan(Optional.empty(), false).measure()).contains(new ReadingKey(1, T0.plusSeconds(60)));
    }

    @Test
    void aJudgedCheckAsksAheadForTheNextChecksReadingAndWakesOnlyIfItIsLate() {
        DriftPlan judged = check(clear(1000));

        assertThat(judged.measure()).as("taken when due, without a reconcile to ask for it").contains(new ReadingKey(1, T0.plusSeconds(60)));
        assertThat(judged.requeueAfter()).isEqualTo(Duration.ofSeconds(60).plus(DriftPlanner.READING_DEADLINE));
    }

    @Test
    void aReconcileBeforeTheCheckAsksAgainForItsReadingWithWhatItSees() {
        check(clear(1000));
        now = now.plusSeconds(20);
        target = Optional.of(new DriftObservation.Target("credit", "credit", 1L, "credit-v1", null, java.util.List.of(),
                java.util.List.of("10.0.0.1", "10.0.0.2")));

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(plan.measure()).contains(new ReadingKey(1, T0.plusSeconds(60)));
        assertThat(plan.requeueAfter()).isEqualTo(Duration.ofSeconds(40).plus(DriftPlanner.READING_DEADLINE));
        assertThat(status.getLastEvaluated()).as("nothing judged before the check").isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void noReadingIsAskedAheadWhileACanaryTakesTheTrafficOfAStableVersionWithoutPods() {
        check(clear(1000));
        now = now.plusSeconds(20);
        target = Optional.of(new DriftObservation.Target("credit", "credit", 1L, "credit-v1", "credit-v2", java.util.List.of(), java.util.List.of()));

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(plan.measure()).as("the reading asked for earlier is withdrawn").isEmpty();
        assertThat(plan.requeueAfter()).as("looks again when the check is due").isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void policiesCreatedTogetherFallDueAtTheSecondsOfTheIntervalTheirUidsFix() {
        uid = "3f1c2a9e-0001-4a5b-9c1d-000000000001";
        check(clear(1000));
        String first = status.getNextEvaluation();
        status = null;
        uid = "3f1c2a9e-0002-4a5b-9c1d-000000000002";
        check(clear(1000));

        assertThat(first).isEqualTo("2026-03-01T10:00:41Z");
        assertThat(status.getNextEvaluation()).isEqualTo("2026-03-01T10:00:29Z");
    }

    @Test
    void aPolicysChecksStayACheckIntervalApartOnItsOwnSlot() {
        uid = "3f1c2a9e-0001-4a5b-9c1d-000000000001";
        check(clear(1000));
        now = Instant.parse(status.getNextEvaluation()).plusSeconds(2);

        check(clear(1000));

        assertThat(status.getNextEvaluation()).isEqualTo("2026-03-01T10:01:41Z");
    }

    @Test
    void aCheckLongOverdueComesBackToThePolicysOwnSlot() {
        uid = "3f1c2a9e-0001-4a5b-9c1d-000000000001";
        check(clear(1000));
        minutesPass(60);

        check(clear(1000));

        assertThat(status.getNextEvaluation()).isEqualTo("2026-03-01T11:00:41Z");
    }

    @Test
    void aCheckLongOverdueWithNothingAskedAsksNowAndGivesTheReadingItsDeadlineFromNow() {
        check(clear(1000));
        minutesPass(60);

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(plan.measure()).contains(new ReadingKey(1, now));
        assertThat(status.getNextEvaluation()).isEqualTo("2026-03-01T11:00:00Z");
    }

    @Test
    void aLateReadingIsInconclusiveAndHoldsTheBreachCount() {
        check(breach(1000));
        minutesPass(1);
        plan(Optional.empty(), false);
        now = now.plus(DriftPlanner.READING_DEADLINE);

        plan(Optional.empty(), true);

        assertThat(condition("Ready").getReason()).isEqualTo("Inconclusive");
        assertThat(condition("Ready").getMessage()).startsWith("no drift reading of v1 came back within 30 s");
        assertThat(status.getConsecutiveBreaches()).isEqualTo(1);
        assertThat(status.getNextEvaluation()).isEqualTo("2026-03-01T10:02:00Z");
    }

    @Test
    void aFailedReadingDegradesThePolicyOnceAndHoldsTheBreachCount() {
        check(breach(1000));
        minutesPass(1);
        DriftPlan ask = plan(Optional.empty(), false);
        DriftPlan failedPlan = plan(failed(ask.measure().get(), "serving pod 10.0.0.1 did not report drift: connection refused", now), false);

        assertThat(status.getPhase()).isEqualTo("Degraded");
        assertThat(condition("Degraded").getReason()).isEqualTo("DriftProviderFailed");
        assertThat(condition("Ready").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(status.getConsecutiveBreaches()).isEqualTo(1);
        assertThat(failedPlan.events()).extracting(DriftPlan.Event::reason).containsExactly(EventReason.DriftProviderFailed);
        assertThat(plan(Optional.empty(), false).events()).as("still degraded between checks, no second event").isEmpty();
        assertThat(status.getPhase()).isEqualTo("Degraded");
    }

    @Test
    void aStableVersionWithoutPodsWhileACanaryTakesItsTrafficIsInconclusiveNotAProviderFailure() {
        check(breach(1000));
        minutesPass(1);
        target = Optional.of(new DriftObservation.Target("credit", "credit", 1L, "credit-v1", "credit-v2", java.util.List.of(), java.util.List.of()));

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(plan.measure()).as("no pod to ask").isEmpty();
        assertThat(status.getPhase()).isNotEqualTo("Degraded");
        assertThat(condition("Ready").getReason()).isEqualTo("Inconclusive");
        assertThat(condition("Ready").getMessage()).contains("v1 has no ready pods while canary credit-v2 takes its traffic");
        assertThat(status.getConsecutiveBreaches()).as("held").isEqualTo(1);
        assertThat(plan.events()).isEmpty();
    }

    @Test
    void tooFewPooledSamplesAreInconclusiveAndNeverABreach() {
        check(new DriftReading(499, java.util.Map.of("age", 3.0)));

        assertThat(condition("Ready").getReason()).isEqualTo("Inconclusive");
        assertThat(status.getConsecutiveBreaches()).isZero();
    }

    @Test
    void aServedVersionWithoutABaselineSaysThereIsNothingToMeasureDriftAgainst() {
        target = Optional.of(new DriftObservation.Target("credit", "credit", 1L, "credit-v1", null, List.of(), List.of("10.0.0.1"),
                "registered by hand without spec.baseline"));

        check(new DriftReading(5000, java.util.Map.of()));

        assertThat(condition("Ready").getReason()).isEqualTo(DriftPlanner.NO_BASELINE);
        assertThat(condition("Ready").getMessage()).isEqualTo("nothing to measure drift against: ModelVersion credit-v1 has no drift"
                + " baseline (registered by hand without spec.baseline)");
        assertThat(status.getConsecutiveBreaches()).isZero();
    }

    @Test
    void aSustainedBreachStartsOneRetrainAfterAskingForFreshData() {
        DriftPlan plan = sustainedBreach();

        assertThat(plan.retrain()).contains(new DriftPlan.RetrainOrder("credit-drift-retrain-1", "credit", T0.plusSeconds(120)));
        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Training);
        assertThat(status.getLastTriggered().getReason()).isEqualTo("drift on feature age: psi 0.45 > 0.2 for 3 consecutive checks");
        assertThat(status.getPhase()).isEqualTo("Retraining");
        retrain = Optional.of(job("credit-drift-retrain-1", "Running"));
        for (int i = 0; i < 5; i++) {
            assertThat(check(breach(1000)).retrain()).as("no second retrain while one is in flight").isEmpty();
            minutesPass(1);
        }
    }

    @Test
    void aFailedTrainingJobEndsTheRetrainAsFailedWithItsMessageAndAWarning() {
        sustainedBreach();
        retrain = Optional.of(job("credit-drift-retrain-1", "Failed"));

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
        assertThat(status.getLastTriggered().getMessage()).isEqualTo("TrainingJob credit-drift-retrain-1 failed: the train Job failed 3 times: OOMKilled");
        assertThat(plan.retrainEnded()).contains(RetrainState.Failed);
        assertThat(plan.events()).filteredOn(DriftPlan.Event::warning).extracting(DriftPlan.Event::reason).containsExactly(EventReason.RetrainFailed);
        assertThat(condition("Degraded").getReason()).isEqualTo("RetrainFailed");
        assertThat(status.getPhase()).isEqualTo("Degraded");
    }

    @Test
    void aRejectedVersionFailsTheRetrain() {
        sustainedBreach();
        retrain = Optional.of(trained("credit-drift-retrain-1", 2, ModelStage.Rejected));

        plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
        assertThat(status.getLastTriggered().getMessage()).isEqualTo("the retrained v2 (credit-v2) was rejected: gate auc 0.61 < 0.70");
    }

    @Test
    void aVersionThatAPinnedServiceNeverRollsOutFailsTheRetrainAtItsDeadline() {
        sustainedBreach();
        Instant triggered = now.minusSeconds(60);
        retrain = Optional.of(trained("credit-drift-retrain-1", 2, ModelStage.Validated));
        DriftPlan plan = plan(Optional.empty(), false);
        assertThat(status.getPhase()).isEqualTo("Replacing");
        assertThat(plan.requeueAfter()).isLessThanOrEqualTo(Duration.ofHours(6));

        now = triggered.plus(Duration.ofHours(6));
        plan = plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
        assertThat(status.getLastTriggered().getMessage()).startsWith("retrain credit-drift-retrain-1 did not reach promotion within its deadline 6h")
                .contains("the retrained v2 (credit-v2) is Validated and waits to be rolled out (is the InferenceService pinned?)");
        assertThat(plan.events()).extracting(DriftPlan.Event::reason).contains(EventReason.RetrainFailed);
        assertThat(status.getPhase()).isNotEqualTo("Replacing");
    }

    @Test
    void aRolledBackRetrainIsSaidAndWarnedAboutAndRetrainsAgainAfterCooldown() {
        sustainedBreach();
        retrain = Optional.of(trained("credit-drift-retrain-1", 2, ModelStage.Canary));
        target = Optional.of(inCanary(1, 2));
        plan(Optional.empty(), false);
        assertThat(status.getPhase()).isEqualTo("Replacing");

        target = Optional.of(rolledBack(1, 2, "prediction drift (PSI vs stable) 0.34 > maxPredictionDrift 0.25"));
        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.RolledBack);
        assertThat(plan.retrainEnded()).contains(RetrainState.RolledBack);
        assertThat(plan.events()).filteredOn(DriftPlan.Event::warning).singleElement().satisfies(event -> {
            assertThat(event.reason()).isEqualTo(EventReason.RetrainRolledBack);
            assertThat(event.message()).contains("the canary of the retrained v2 (credit-v2) was rolled back by InferenceService credit:"
                    + " prediction drift (PSI vs stable) 0.34 > maxPredictionDrift 0.25").contains("after cooldown 6h");
        });
        assertThat(condition("Degraded").getReason()).isEqualTo("RetrainRolledBack");
        assertThat(status.getPhase()).isEqualTo("Degraded");

        // The drift persists: suppressed by cooldown, still Degraded, and a new retrain once the cooldown has passed.
        for (int i = 0; i < spec.getConsecutiveBreaches(); i++) {
            assertThat(check(breach(1000)).retrain()).isEmpty();
            minutesPass(1);
        }
        assertThat(condition("Ready").getReason()).isEqualTo("RetrainSuppressed");
        assertThat(condition("Degraded").getReason()).isEqualTo("RetrainRolledBack");
        now = Instant.parse(status.getLastTriggered().getTime()).plus(Duration.ofHours(6));
        DriftPlan again = check(breach(1000));
        assertThat(again.retrain()).map(DriftPlan.RetrainOrder::trainingJob).contains("credit-drift-retrain-2");
        assertThat(condition("Degraded").getStatus()).isEqualTo(ConditionStatus.False);
    }

    @Test
    void aPromotedRetrainCompletesAndTheNewVersionStartsANewStreak() {
        sustainedBreach();
        retrain = Optional.of(trained("credit-drift-retrain-1", 2, ModelStage.Production));
        target = Optional.of(serving(2));

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Promoted);
        assertThat(plan.events()).extracting(DriftPlan.Event::reason).contains(EventReason.RetrainCompleted);
        assertThat(status.getServingVersion()).isEqualTo(2L);
        assertThat(status.getConsecutiveBreaches()).isZero();
        assertThat(plan.measure()).contains(new ReadingKey(2, now));
        assertThat(status.getPhase()).isEqualTo("Healthy");
    }

    @Test
    void aTrainingJobThatVanishedFailsTheRetrain() {
        sustainedBreach();
        retrain = Optional.empty();

        plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
        assertThat(status.getLastTriggered().getMessage()).isEqualTo("TrainingJob credit-drift-retrain-1 no longer exists");
    }

    @Test
    void aTriggerRecordedBeforeRetrainStatesEndsQuietly() {
        sustainedBreach();
        status.getLastTriggered().setState(null);
        retrain = Optional.empty();

        DriftPlan plan = plan(Optional.empty(), false);

        assertThat(status.getLastTriggered().getState()).isEqualTo(RetrainState.Failed);
        assertThat(plan.events()).isEmpty();
        assertThat(plan.retrainEnded()).isEmpty();
        assertThat(condition("Degraded").getStatus()).isEqualTo(ConditionStatus.False);
    }

    @Test
    void aClearCheckAfterAFailedRetrainEndsTheDegradation() {
        sustainedBreach();
        retrain = Optional.of(job("credit-drift-retrain-1", "Failed"));
        plan(Optional.empty(), false);

        check(clear(1000));

        assertThat(condition("Degraded").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(status.getPhase()).isEqualTo("Healthy");
    }

    @Test
    void aMissingTargetDegradesOnceAndAServiceWithoutAStableVersionIsNotServing() {
        target = Optional.empty();
        DriftPlan plan = plan(Optional.empty(), false);
        assertThat(condition("Degraded").getReason()).isEqualTo("TargetNotFound");
        assertThat(plan.events()).extracting(DriftPlan.Event::reason).containsExactly(EventReason.TargetNotFound);
        assertThat(plan(Optional.empty(), false).events()).isEmpty();

        target = Optional.of(new DriftObservation.Target("credit", "credit", null, null, null, java.util.List.of(), java.util.List.of()));
        plan(Optional.empty(), false);
        assertThat(condition("Ready").getReason()).isEqualTo("NotServing");
        assertThat(status.getPhase()).isEqualTo("Healthy");
    }
}
