package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.operator.common.ObservedJob;
import java.util.Map;
import java.util.Optional;

/**
 * What the caches show about the baseline of a ModelVersion registered by hand: the Dataset its spec names, and its
 * baseline Jobs by name (own or another owner's, told apart by uid).
 */
record BaselineObservation(Optional<Dataset> dataset, Map<String, ObservedJob> jobs) {
    static final BaselineObservation NOTHING = new BaselineObservation(Optional.empty(), Map.of());
}
