package dev.seed.mlops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.RetrainState;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import org.junit.jupiter.api.Test;

/** The demo tells every path the loop can take, with the reason the DriftPolicy's status gives. */
class RetrainStoryTest {

    @Test
    void aPromotedRetrainAfterDriftClosesTheLoopNamingTheDrift() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.Promoted, 2L,
                "psi of income 0.3100 above 0.2 for 3 consecutive checks", null))).orElseThrow();

        assertThat(ending.promoted()).isTrue();
        assertThat(ending.sentence()).isEqualTo("v2, retrained on fresh data after drift (psi of income 0.3100 above 0.2 for 3"
                + " consecutive checks), replaced the drifted version");
    }

    @Test
    void aPromotedRetrainAfterAQualityBreachNamesTheMetricNotDrift() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.Promoted, 2L,
                "quality auc 0.5123 of v1 below the minimum 0.7500 on 600 labels", "the retrained credit-risk-v2 serves as stable")))
                .orElseThrow();

        assertThat(ending.promoted()).isTrue();
        assertThat(ending.sentence()).isEqualTo("v2, retrained on fresh data after a quality breach (quality auc 0.5123 of v1 below"
                + " the minimum 0.7500 on 600 labels), replaced the version whose quality fell: the retrained credit-risk-v2 serves as stable");
    }

    @Test
    void aPromotedScheduledRetrainSaysItWasScheduled() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.Promoted, 3L,
                "scheduled retrain due at 2026-12-01T06:00:00Z (retrain.schedule '0 6 * * *')", null))).orElseThrow();

        assertThat(ending.sentence()).isEqualTo("v3, retrained on fresh data on schedule (scheduled retrain due at 2026-12-01T06:00:00Z"
                + " (retrain.schedule '0 6 * * *')), replaced the version serving before");
    }

    @Test
    void aRolledBackRetrainSaysWhichMeasurementFailed() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.RolledBack, 2L, "psi of income 0.3100 above 0.2",
                "credit-risk-v2 was rolled back: error rate 0.04 > 0.01"))).orElseThrow();

        assertThat(ending.promoted()).isFalse();
        assertThat(ending.sentence()).isEqualTo("canary analysis rolled v2 back; the drifted version keeps serving: "
                + "credit-risk-v2 was rolled back: error rate 0.04 > 0.01");
    }

    @Test
    void aFailedTrainingSaysWhyAndNamesNoVersion() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.Failed, null, "quality auc 0.5123 of v1 below the minimum",
                "TrainingJob credit-risk-drift-retrain-1 failed: column age is missing"))).orElseThrow();

        assertThat(ending.promoted()).isFalse();
        assertThat(ending.sentence()).isEqualTo("the retrain after a quality breach failed; the version whose quality fell keeps serving: "
                + "TrainingJob credit-risk-drift-retrain-1 failed: column age is missing");
    }

    @Test
    void aRetrainStillTrainingOrReplacingHasNoEndingYet() {
        assertThat(RetrainStory.ending(policy(trigger(RetrainState.Training, null, "quality auc 0.5", null)))).isEmpty();
        assertThat(RetrainStory.ending(policy(trigger(RetrainState.Replacing, 2L, "quality auc 0.5", null)))).isEmpty();
        assertThat(RetrainStory.ending(new DriftPolicy())).isEmpty();
    }

    @Test
    void aSuppressedRetrainIsToldWithTheConditionsReason() {
        DriftPolicy policy = policy(null);
        Condition ready = new Condition();
        ready.setType("Ready");
        ready.setStatus(ConditionStatus.True);
        ready.setReason("RetrainSuppressed");
        ready.setMessage("cooldown until 2026-12-01T20:00:00Z");
        policy.getStatus().getConditions().add(ready);

        assertThat(RetrainStory.heldBack(policy)).contains("drift was detected but the retrain was held back: cooldown until 2026-12-01T20:00:00Z");
        ready.setReason("DriftSustained");
        assertThat(RetrainStory.heldBack(policy)).isEmpty();
    }

    private static RetrainTrigger trigger(RetrainState state, Long version, String reason, String message) {
        RetrainTrigger trigger = new RetrainTrigger();
        trigger.setState(state);
        trigger.setReason(reason);
        trigger.setVersion(version);
        trigger.setMessage(message);
        return trigger;
    }

    private static DriftPolicy policy(RetrainTrigger last) {
        DriftPolicy policy = new DriftPolicy();
        policy.setStatus(new DriftPolicyStatus());
        policy.getStatus().setLastTriggered(last);
        return policy;
    }
}
