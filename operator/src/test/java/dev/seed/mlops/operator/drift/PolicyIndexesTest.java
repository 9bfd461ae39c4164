package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.LocalObjectRef;
import dev.seed.mlops.operator.IndexOnlyCache;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An InferenceService, Pod or ModelVersion event finds its DriftPolicies through an index, never by scanning (issue 19). */
class PolicyIndexesTest {
    private final IndexOnlyCache<DriftPolicy> policies = new IndexOnlyCache<>();

    PolicyIndexesTest() {
        PolicyIndexes.index(policies);
        IntStream.range(0, 100).forEach(i -> policies.add(policy("d" + i, "team-a", "s" + i % 50, i == 7 ? "d7-retrain-2" : null)));
        policies.add(policy("other-namespace", "team-b", "s7", "d7-retrain-2"));
    }

    @Test
    void aServiceOrItsPodFindsThePoliciesThatTargetItWithoutAScan() {
        assertThat(PolicyIndexes.targeting(policies, "team-a", "s7"))
                .containsExactlyInAnyOrder(new ResourceID("d7", "team-a"), new ResourceID("d57", "team-a"));
        assertThat(PolicyIndexes.targeting(policies, "team-a", null)).as("a pod without the label").isEmpty();
    }

    @Test
    void aModelVersionFindsThePolicyWhoseRetrainRegisteredItWithoutAScan() {
        assertThat(PolicyIndexes.retrainedBy(policies, "team-a", "d7-retrain-2")).containsExactly(new ResourceID("d7", "team-a"));
        assertThat(PolicyIndexes.retrainedBy(policies, "team-a", null)).as("a version no TrainingJob registered").isEmpty();
    }

    private static DriftPolicy policy(String name, String namespace, String target, String lastRetrain) {
        DriftPolicy policy = new DriftPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        policy.setSpec(DriftFixtures.retrainSpec());
        LocalObjectRef ref = new LocalObjectRef();
        ref.setName(target);
        policy.getSpec().setTargetRef(ref);
        if (lastRetrain != null) {
            RetrainTrigger trigger = new RetrainTrigger();
            trigger.setTrainingJob(lastRetrain);
            policy.setStatus(new DriftPolicyStatus());
            policy.getStatus().setLastTriggered(trigger);
        }
        return policy;
    }
}
