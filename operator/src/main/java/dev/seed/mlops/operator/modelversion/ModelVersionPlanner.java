package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.inferenceservice.CanaryStateMachine;
import dev.seed.mlops.api.v1alpha1.Approval;
import dev.seed.mlops.api.v1alpha1.ApprovalDecision;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.ServiceRollback;
import dev.seed.mlops.api.v1alpha1.StageTransition;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.inferenceservice.RolloutOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A ModelVersion's next status, from its gate decision and what the InferenceServices of its namespace report. Pure:
 * no client, no clock. The rules:
 * <ul>
 * <li>approval is the gate decision annotated by the TrainingJob (or by hand), recorded once and never changed;</li>
 * <li>servedBy is every InferenceService whose stable or canary is this version, whatever model it names now;</li>
 * <li>rolledBackOn remembers every InferenceService of the model that rolled this version back, also once it is gone;</li>
 * <li>stage sums up: Production while stable somewhere, Canary while only canaried, Retired once it was stable and
 * nothing serves it, else the approval (Validated, Rejected, or Candidate without one). Only the gates reject.</li>
 * </ul>
 */
final class ModelVersionPlanner {
    static final int TRANSITION_HISTORY = 20;
    static final int ROLLBACK_HISTORY = 64;
    private static final Set<ModelStage> USABLE = Set.of(ModelStage.Validated, ModelStage.Canary, ModelStage.Production);

    private record Stage(ModelStage stage, String reason) {
    }

    private ModelVersionPlanner() {
    }

    static ModelVersionPlan plan(ModelVersion version, ModelVersionObservation seen, Instant now) {
        ModelVersionStatus status = StatusCopies.copyOrNew(version.getStatus(), ModelVersionStatus.class, ModelVersionStatus::new);
        ModelStage before = status.getStage();
        if (status.getApproval() == null) {
            status.setApproval(annotatedApproval(version, now).orElse(null));
        }
        List<String> stableOn = seen.services().stream().filter(isvc -> servesAsStable(isvc, version)).map(ModelVersionPlanner::name).toList();
        List<String> canaryOn = seen.services().stream().filter(isvc -> servesAsCanary(isvc, version))
                .map(isvc -> name(isvc) + " at " + CanaryStateMachine.stepText(isvc.getStatus().getCanary())).toList();
        status.setServedBy(servedBy(version, seen));
        sameModel(version, seen).forEach(isvc -> rolledBack(isvc, version).ifPresent(record -> remember(status, name(isvc), record)));
        if (status.getFirstProductionTime() == null && (!stableOn.isEmpty() || before == ModelStage.Production || before == ModelStage.Retired)) {
            status.setFirstProductionTime(status.getTransitions().stream().filter(t -> t.getStage() == ModelStage.Production)
                    .map(StageTransition::getTime).findFirst().orElse(Timestamps.format(now)));
        }

        Stage next = stage(version, status, before, stableOn, canaryOn, seen);
        List<PlannedEvent> events = new ArrayList<>();
        if (next.stage() != before) {
            enter(status, next, now);
            events.add(new PlannedEvent(next.stage() == ModelStage.Rejected, EventReason.StageChanged,
                    "stage " + next.stage() + ": " + next.reason()));
        }
        status.setStage(next.stage());
        status.setReason(next.reason());
        long generation = version.getMetadata().getGeneration() == null ? 0 : version.getMetadata().getGeneration();
        Conditions.set(status, Conditions.READY, USABLE.contains(next.stage()) ? ConditionStatus.True : ConditionStatus.False,
                next.stage().name(), next.reason(), generation, now);
        BaselinePlanner.Decision baseline = BaselinePlanner.plan(version, status, seen.baseline(), generation, now);
        events.addAll(baseline.events());
        status.setObservedGeneration(generation);
        return new ModelVersionPlan(status, List.copyOf(events), baseline.createJob());
    }

    /** The Warning to record while deletion waits for the InferenceServices that still serve the version. */
    static Optional<PlannedEvent> deletionBlocked(ModelVersion version, ModelVersionObservation seen) {
        List<String> servedBy = servedBy(version, seen);
        return servedBy.isEmpty() ? Optional.empty() : Optional.of(new PlannedEvent(true, EventReason.DeletionBlocked,
                "deletion waits: InferenceService " + String.join(", ", servedBy) + " still serves this version; it is deleted once nothing does"));
    }

    private static Stage stage(ModelVersion version, ModelVersionStatus status, ModelStage before, List<String> stableOn,
            List<String> canaryOn, ModelVersionObservation seen) {
        if (!stableOn.isEmpty()) {
            return new Stage(ModelStage.Production, "stable on " + String.join(", ", stableOn)
                    + (canaryOn.isEmpty() ? "" : "; canary on " + String.join(", ", canaryOn)));
        }
        if (!canaryOn.isEmpty()) {
            return new Stage(ModelStage.Canary, "canary on " + String.join(", ", canaryOn));
        }
        if (status.getFirstProductionTime() != null) {
            return new Stage(ModelStage.Retired, before == ModelStage.Retired && status.getReason() != null ? status.getReason() : retiredReason(version, seen));
        }
        Approval approval = status.getApproval();
        if (approval == null) {
            return new Stage(ModelStage.Candidate, candidateReason(version));
        }
        if (approval.getDecision() == ApprovalDecision.Rejected) {
            return new Stage(ModelStage.Rejected, approval.getReason());
        }
        if (status.getRolledBackOn().isEmpty()) {
            return new Stage(ModelStage.Validated, approval.getReason());
        }
        ServiceRollback latest = status.getRolledBackOn().stream().max(Comparator.comparing(ServiceRollback::getTime, Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
        return new Stage(ModelStage.Validated, "rolled back on " + String.join(", ", status.getRolledBackOn().stream().map(ServiceRollback::getInferenceService).toList())
                + " (latest: " + latest.getReason() + "); other InferenceServices of the model may still serve it");
    }

    private static Optional<Approval> annotatedApproval(ModelVersion version, Instant now) {
        String decision = annotations(version).get(Labels.GATE_DECISION);
        return Arrays.stream(ApprovalDecision.values()).filter(d -> d.name().equals(decision)).findFirst().map(d -> {
            Approval approval = new Approval();
            approval.setDecision(d);
            approval.setReason(annotations(version).getOrDefault(Labels.GATE_REASON, "no reason given"));
            approval.setTime(Timestamps.format(now));
            return approval;
        });
    }

    private static String candidateReason(ModelVersion version) {
        String decision = annotations(version).get(Labels.GATE_DECISION);
        if (decision != null) {
            return "annotation " + Labels.GATE_DECISION + " is \"" + decision + "\", expected Validated or Rejected; an InferenceService serves it only when pinned to version "
                    + version.getSpec().getVersion();
        }
        return "registered by hand; an InferenceService serves it only when pinned to version " + version.getSpec().getVersion();
    }

    /** The oldest promotion of a newer version on a service of the model, with the drift that caused it when one did. */
    private static String retiredReason(ModelVersion version, ModelVersionObservation seen) {
        long number = version.getSpec().getVersion();
        record Replacement(String service, RolloutRecord record) {
        }
        return sameModel(version, seen)
                .flatMap(isvc -> history(isvc).filter(r -> RolloutOutcome.PROMOTED.equals(r.getOutcome()) && r.getVersion() != null && r.getVersion() > number)
                        .map(r -> new Replacement(name(isvc), r)))
                .min(Comparator.comparing(r -> r.record().getTime(), Comparator.nullsLast(Comparator.naturalOrder())))
                .map(r -> {
                    String reason = Objects.requireNonNullElse(r.record().getReason(), "");
                    int detail = reason.indexOf("; ");
                    return "replaced by v" + r.record().getVersion() + " on " + r.service() + (detail < 0 ? "" : reason.substring(detail));
                })
                .orElse("no InferenceService serves it any more");
    }

    private static void remember(ModelVersionStatus status, String service, RolloutRecord record) {
        ServiceRollback rollback = status.getRolledBackOn().stream().filter(r -> service.equals(r.getInferenceService())).findFirst().orElseGet(() -> {
            ServiceRollback added = new ServiceRollback();
            added.setInferenceService(service);
            status.getRolledBackOn().add(added);
            return added;
        });
        rollback.setReason(Objects.requireNonNullElse(record.getReason(), ""));
        rollback.setTime(record.getTime());
        while (status.getRolledBackOn().size() > ROLLBACK_HISTORY) {
            status.getRolledBackOn().remove(0);
        }
    }

    private static void enter(ModelVersionStatus status, Stage stage, Instant now) {
        StageTransition transition = new StageTransition();
        transition.setStage(stage.stage());
        transition.setReason(stage.reason());
        transition.setTime(Timestamps.format(now));
        status.getTransitions().add(transition);
        while (status.getTransitions().size() > TRANSITION_HISTORY) {
            status.getTransitions().remove(0);
        }
    }

    private static List<String> servedBy(ModelVersion version, ModelVersionObservation seen) {
        return seen.services().stream().filter(isvc -> servesAsStable(isvc, version) || servesAsCanary(isvc, version)).map(ModelVersionPlanner::name).toList();
    }

    private static boolean servesAsStable(InferenceService isvc, ModelVersion version) {
        return isvc.getStatus() != null && isvc.getStatus().getStable() != null
                && version.getMetadata().getName().equals(isvc.getStatus().getStable().getModelVersion());
    }

    private static boolean servesAsCanary(InferenceService isvc, ModelVersion version) {
        return isvc.getStatus() != null && isvc.getStatus().getCanary() != null
                && version.getMetadata().getName().equals(isvc.getStatus().getCanary().getModelVersion());
    }

    /** The newest rollback of this version in the service's history (newest first). */
    private static Optional<RolloutRecord> rolledBack(InferenceService isvc, ModelVersion version) {
        return history(isvc).filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome()) && Objects.equals(r.getVersion(), version.getSpec().getVersion()))
                .findFirst();
    }

    /** Services whose history numbers refer to this model's versions. */
    private static Stream<InferenceService> sameModel(ModelVersion version, ModelVersionObservation seen) {
        return seen.services().stream().filter(isvc -> version.getSpec().getModel().equals(isvc.getSpec().getModel()));
    }

    private static Stream<RolloutRecord> history(InferenceService isvc) {
        return isvc.getStatus() == null ? Stream.empty() : isvc.getStatus().getHistory().stream();
    }

    private static Map<String, String> annotations(ModelVersion version) {
        return version.getMetadata().getAnnotations() == null ? Map.of() : version.getMetadata().getAnnotations();
    }

    private static String name(InferenceService isvc) {
        return isvc.getMetadata().getName();
    }
}
