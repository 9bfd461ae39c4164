package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which version an InferenceService should serve: the pinned one, or else the newest Validated version of its model
 * that this service has not already rolled back. A pinned service is never moved by a new version.
 */
public final class VersionResolver {
    private VersionResolver() {
    }

    public static Optional<ModelVersion> target(InferenceService isvc, Collection<ModelVersion> versions) {
        String model = isvc.getSpec().getModel();
        if (isvc.getSpec().getVersion() != null) {
            long pinned = isvc.getSpec().getVersion();
            return versions.stream().filter(mv -> model.equals(mv.getSpec().getModel()) && mv.getSpec().getVersion() == pinned).findFirst();
        }
        Set<Long> rolledBack = isvc.getStatus() == null ? Set.of() : isvc.getStatus().getHistory().stream()
                .filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome())).map(RolloutRecord::getVersion).collect(Collectors.toSet());
        Long serving = isvc.getStatus() == null || isvc.getStatus().getStable() == null ? null : isvc.getStatus().getStable().getVersion();
        return versions.stream()
                .filter(mv -> model.equals(mv.getSpec().getModel()))
                .filter(mv -> !rolledBack.contains(mv.getSpec().getVersion()))
                .filter(mv -> mv.getStatus() != null && (mv.getStatus().getStage() == ModelStage.Validated
                        || mv.getSpec().getVersion().equals(serving)))
                .max(Comparator.comparing(mv -> mv.getSpec().getVersion()));
    }
}
