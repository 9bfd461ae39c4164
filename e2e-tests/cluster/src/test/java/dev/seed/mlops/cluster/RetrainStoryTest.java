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
    void aPromotedRetrainClosesTheLoop() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.Promoted, 2L, null))).orElseThrow();

        assertThat(ending.promoted()).isTrue();
        assertThat(ending.sentence()).isEqualTo("v2 trained on fresh data replaced the drifted version");
    }

    @Test
    void aRolledBackRetrainSaysWhichMeasurementFailed() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.RolledBack, 2L,
                "credit-risk-v2 was rolled back: error rate 0.04 > 0.01"))).orElseThrow();

        assertThat(ending.promoted()).isFalse();
        assertThat(ending.sentence()).isEqualTo("canary analysis rolled v2 back; the drifted version keeps serving: "
                + "credit-risk-v2 was rolled back: error rate 0.04 > 0.01");
    }

    @Test
    void aFailedTrainingSaysWhyAndNamesNoVersion() {
        RetrainStory.Ending ending = RetrainStory.ending(policy(trigger(RetrainState.Failed, null,
                "TrainingJob credit-risk-drift-retrain-1 failed: column age is missing"))).orElseThrow();

        assertThat(ending.promoted()).isFalse();
        assertThat(ending.sentence()).isEqualTo("the retrain failed; the drifted version keeps serving: "
                + "TrainingJob credit-risk-drift-retrain-1 failed: column age is missing");
    }

    @Test
    void aRetrainStillTrainingOrReplacingHasNoEndingYet() {
        assertThat(RetrainStory.ending(policy(trigger(RetrainState.Training, null, null)))).isEmpty();
        assertThat(RetrainStory.ending(policy(trigger(RetrainState.Replacing, 2L, null)))).isEmpty();
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

    private static RetrainTrigger trigger(RetrainState state, Long version, String message) {
        RetrainTrigger trigger = new RetrainTrigger();
        trigger.setState(state);
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
