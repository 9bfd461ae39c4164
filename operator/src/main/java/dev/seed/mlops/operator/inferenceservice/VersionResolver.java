package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.ApprovalDecision;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which version an InferenceService should serve: the pinned one, or else the newest approved (Validated) version of
 * its model that this service has not rolled back. Approval is recorded once, so any number of services, re-created in
 * any order, each find it; a rollback is remembered in the service's history and in the version's
 * {@code status.rolledBackOn}, which outlives the service. The version the service serves now stays a candidate (a
 * hand-made version that was pinned keeps serving after the pin is removed). A pinned service is never moved by a new
 * version.
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
        String service = isvc.getMetadata().getName();
        var status = isvc.getStatus();
        Set<Long> rolledBackHere = status == null ? Set.of() : status.getHistory().stream()
                .filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome())).map(RolloutRecord::getVersion).collect(Collectors.toSet());
        String serving = status == null || status.getStable() == null ? null : status.getStable().getModelVersion();
        return versions.stream()
                .filter(mv -> model.equals(mv.getSpec().getModel()))
                .filter(mv -> mv.getMetadata().getName().equals(serving)
                        || approved(mv) && !rolledBackHere.contains(mv.getSpec().getVersion()) && !rolledBackOn(mv, service))
                .max(Comparator.comparing(mv -> mv.getSpec().getVersion()));
    }

    private static boolean approved(ModelVersion mv) {
        return mv.getStatus() != null && mv.getStatus().getApproval() != null
                && mv.getStatus().getApproval().getDecision() == ApprovalDecision.Validated;
    }

    private static boolean rolledBackOn(ModelVersion mv, String service) {
        return mv.getStatus() != null && mv.getStatus().getRolledBackOn().stream().anyMatch(r -> service.equals(r.getInferenceService()));
    }
}
