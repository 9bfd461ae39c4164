package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Informer indexes that find the DriftPolicies an InferenceService, serving Pod or ModelVersion event concerns without
 * scanning every policy of the namespace: a scan per event made a burst of N services and their pods cost N² (issue 19).
 */
final class PolicyIndexes {
    /** Policies by namespace and target InferenceService. */
    static final String BY_TARGET = "by-target";
    /** Policies by namespace and the TrainingJob of their last retrain. */
    static final String BY_RETRAIN = "by-retrain";

    private PolicyIndexes() {
    }

    static void index(IndexerResourceCache<DriftPolicy> policies) {
        policies.addIndexer(BY_TARGET, policy -> policy.getSpec() == null ? List.of()
                : List.of(key(policy.getMetadata().getNamespace(), policy.getSpec().getTargetRef().getName())));
        policies.addIndexer(BY_RETRAIN, policy -> Optional.ofNullable(policy.getStatus()).map(DriftPolicyStatus::getLastTriggered)
                .map(RetrainTrigger::getTrainingJob).map(job -> List.of(key(policy.getMetadata().getNamespace(), job))).orElse(List.of()));
    }

    /** The policies watching this InferenceService (null: none). */
    static Set<ResourceID> targeting(IndexedResourceCache<DriftPolicy> policies, String namespace, String inferenceService) {
        return inferenceService == null ? Set.of() : lookUp(policies, BY_TARGET, namespace, inferenceService);
    }

    /** The policies whose last retrain is this TrainingJob (null: none). */
    static Set<ResourceID> retrainedBy(IndexedResourceCache<DriftPolicy> policies, String namespace, String trainingJob) {
        return trainingJob == null ? Set.of() : lookUp(policies, BY_RETRAIN, namespace, trainingJob);
    }

    private static Set<ResourceID> lookUp(IndexedResourceCache<DriftPolicy> policies, String index, String namespace, String name) {
        return policies.byIndex(index, key(namespace, name)).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
