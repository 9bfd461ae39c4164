package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.operator.inferenceservice.RolloutOutcome;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * The stage a ModelVersion's serving implies, read from the status of the InferenceServices of its model: a canary
 * is Canary, a stable version Production; a canary that was rolled back is Rejected, and a served version that a
 * promotion replaced is Retired. Versions nobody served keep the stage their evaluation gave them.
 */
public final class ServingStage {
    public record Stage(ModelStage stage, String reason) {
    }

    private ServingStage() {
    }

    public static Optional<Stage> of(ModelVersion version, ModelStage current, Collection<InferenceService> services) {
        String name = version.getMetadata().getName();
        for (InferenceService isvc : services) {
            var status = isvc.getStatus();
            if (status != null && status.getCanary() != null && name.equals(status.getCanary().getModelVersion())) {
                return Optional.of(new Stage(ModelStage.Canary, "canary on " + isvc.getMetadata().getName() + " at " + status.getCanary().getWeight() + "%"));
            }
        }
        for (InferenceService isvc : services) {
            var status = isvc.getStatus();
            if (status != null && status.getStable() != null && name.equals(status.getStable().getModelVersion())) {
                return Optional.of(new Stage(ModelStage.Production, "serving on " + isvc.getMetadata().getName()));
            }
        }
        long number = version.getSpec().getVersion();
        Optional<Stage> rolledBack = services.stream()
                .flatMap(isvc -> history(isvc).filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome()) && Objects.equals(r.getVersion(), number)))
                .findFirst().map(r -> new Stage(ModelStage.Rejected, r.getReason()));
        if (rolledBack.isPresent() && current != ModelStage.Rejected) {
            return rolledBack;
        }
        if (current == ModelStage.Canary || current == ModelStage.Production) {
            for (InferenceService isvc : services) {
                Optional<RolloutRecord> replacement = history(isvc)
                        .filter(r -> RolloutOutcome.PROMOTED.equals(r.getOutcome()) && r.getVersion() != null && r.getVersion() > number)
                        .reduce((newer, older) -> older);
                if (replacement.isPresent()) {
                    String reason = replacement.get().getReason() == null ? "" : replacement.get().getReason();
                    int detail = reason.indexOf("; ");
                    return Optional.of(new Stage(ModelStage.Retired, "replaced by v" + replacement.get().getVersion() + " on "
                            + isvc.getMetadata().getName() + (detail < 0 ? "" : reason.substring(detail))));
                }
            }
        }
        return Optional.empty();
    }

    private static java.util.stream.Stream<RolloutRecord> history(InferenceService isvc) {
        return isvc.getStatus() == null ? java.util.stream.Stream.empty() : isvc.getStatus().getHistory().stream();
    }
}
