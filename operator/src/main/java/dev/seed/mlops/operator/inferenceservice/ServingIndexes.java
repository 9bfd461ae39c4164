package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.InformerCaches;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Informer indexes that find an InferenceService's model versions and drift policy, and a model version's services,
 * without scanning every object of the namespace: a scan per event made a burst of N objects cost N² (issue 19).
 */
final class ServingIndexes {
    /** InferenceServices and ModelVersions by namespace and model. */
    static final String BY_MODEL = "by-model";
    /** DriftPolicies by namespace and target InferenceService. */
    static final String BY_TARGET = "by-target";

    private ServingIndexes() {
    }

    static void indexServices(IndexerResourceCache<InferenceService> services) {
        services.addIndexer(BY_MODEL, isvc -> List.of(key(isvc.getMetadata().getNamespace(), isvc.getSpec().getModel())));
    }

    static void indexModelVersions(IndexerResourceCache<ModelVersion> versions) {
        versions.addIndexer(BY_MODEL, mv -> List.of(key(mv.getMetadata().getNamespace(), mv.getSpec().getModel())));
    }

    static void indexDriftPolicies(IndexerResourceCache<DriftPolicy> policies) {
        policies.addIndexer(BY_TARGET, dp -> List.of(key(dp.getMetadata().getNamespace(), dp.getSpec().getTargetRef().getName())));
    }

    /** The services a ModelVersion event concerns: those serving its model. */
    static Set<ResourceID> servicesOf(IndexedResourceCache<InferenceService> services, ModelVersion mv) {
        return services.byIndex(BY_MODEL, key(mv.getMetadata().getNamespace(), mv.getSpec().getModel())).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    static List<ModelVersion> versionsOf(InferenceService isvc, Context<InferenceService> context, String informer) {
        return InformerCaches.named(context, informer, ModelVersion.class)
                .byIndex(BY_MODEL, key(isvc.getMetadata().getNamespace(), isvc.getSpec().getModel()));
    }

    /** The policy watching the service (the first by name if several do). */
    static Optional<DriftPolicy> policyOf(InferenceService isvc, Context<InferenceService> context, String informer) {
        return InformerCaches.named(context, informer, DriftPolicy.class)
                .byIndex(BY_TARGET, key(isvc.getMetadata().getNamespace(), isvc.getMetadata().getName())).stream()
                .min(Comparator.comparing(dp -> dp.getMetadata().getName()));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
