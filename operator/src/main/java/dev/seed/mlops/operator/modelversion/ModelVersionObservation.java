package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the informer caches show about the InferenceServices of a ModelVersion's namespace, in name order, and about its
 * baseline. The services' status (stable, canary, history) is where serving is decided; the ModelVersion only derives
 * its serving state from it.
 */
record ModelVersionObservation(List<InferenceService> services, BaselineObservation baseline) {
    static ModelVersionObservation of(Stream<InferenceService> inNamespace) {
        return of(inNamespace, BaselineObservation.NOTHING);
    }

    static ModelVersionObservation of(Stream<InferenceService> inNamespace, BaselineObservation baseline) {
        return new ModelVersionObservation(inNamespace.sorted(Comparator.comparing(isvc -> isvc.getMetadata().getName())).toList(),
                baseline);
    }
}
