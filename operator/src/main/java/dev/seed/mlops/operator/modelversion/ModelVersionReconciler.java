package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.api.v1alpha1.StageTransition;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a ModelVersion's stage, conditions and servedBy true, and holds its finalizer while an InferenceService
 * serves it, so a version in use cannot disappear under live traffic.
 */
public class ModelVersionReconciler implements Reconciler<ModelVersion>, Cleaner<ModelVersion> {
    static final int TRANSITION_HISTORY = 20;
    static final long DELETION_RECHECK_MILLIS = 30_000;

    private final EventRecorder events;
    private final Clock clock;
    private final ModelVersionMetrics metrics;

    public ModelVersionReconciler(EventRecorder events, Clock clock, ModelVersionMetrics metrics) {
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, ModelVersion>> prepareEventSources(EventSourceContext<ModelVersion> context) {
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(InferenceService.class, ModelVersion.class)
                .withSecondaryToPrimaryMapper(isvc -> versionsOfModel(context, isvc))
                .build(), context));
    }

    /** An InferenceService change may start or stop serving any version of its model. */
    private static Set<ResourceID> versionsOfModel(EventSourceContext<ModelVersion> context, InferenceService isvc) {
        return context.getPrimaryCache().list(isvc.getMetadata().getNamespace())
                .filter(mv -> mv.getSpec().getModel().equals(isvc.getSpec().getModel()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<ModelVersion> reconcile(ModelVersion modelVersion, Context<ModelVersion> context) {
        Instant now = clock.instant();
        ModelVersionStatus status = StatusCopies.copyOrNew(modelVersion.getStatus(), ModelVersionStatus.class, ModelVersionStatus::new);
        if (status.getStage() == null) {
            enter(modelVersion, status, initialStage(modelVersion), initialReason(modelVersion), now);
        }
        ServingStage.of(modelVersion, status.getStage(), context.getSecondaryResources(InferenceService.class))
                .filter(next -> next.stage() != status.getStage() || !next.reason().equals(status.getReason()))
                .ifPresent(next -> enter(modelVersion, status, next.stage(), next.reason(), now));
        status.setServedBy(servedBy(modelVersion, context));
        setReady(modelVersion, status, now);
        status.setObservedGeneration(modelVersion.getMetadata().getGeneration());
        metrics.record(modelVersion, status.getStage());
        if (StatusCopies.same(status, modelVersion.getStatus())) {
            return UpdateControl.noUpdate();
        }
        modelVersion.setStatus(status);
        return UpdateControl.patchStatus(modelVersion);
    }

    @Override
    public DeleteControl cleanup(ModelVersion modelVersion, Context<ModelVersion> context) {
        List<String> servedBy = servedBy(modelVersion, context);
        if (!servedBy.isEmpty()) {
            events.warning(modelVersion, EventReason.DeletionBlocked, "deletion waits: InferenceService " + String.join(", ", servedBy)
                    + " still serves this version; it is deleted once nothing does");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(DELETION_RECHECK_MILLIS);
        }
        metrics.forget(modelVersion);
        return DeleteControl.defaultDelete();
    }

    /** Moves the version to a new stage, remembering when and why; the only place stage changes. */
    static void enter(ModelVersion modelVersion, ModelVersionStatus status, ModelStage stage, String reason, Instant now) {
        status.setStage(stage);
        status.setReason(reason);
        StageTransition transition = new StageTransition();
        transition.setStage(stage);
        transition.setReason(reason);
        transition.setTime(Timestamps.format(now));
        status.getTransitions().add(transition);
        while (status.getTransitions().size() > TRANSITION_HISTORY) {
            status.getTransitions().remove(0);
        }
    }

    private void setReady(ModelVersion modelVersion, ModelVersionStatus status, Instant now) {
        boolean usable = Set.of(ModelStage.Validated, ModelStage.Canary, ModelStage.Production).contains(status.getStage());
        String before = Conditions.find(status, Conditions.READY).map(c -> c.getReason()).orElse(null);
        Conditions.set(status, Conditions.READY, usable ? ConditionStatus.True : ConditionStatus.False, status.getStage().name(),
                status.getReason(), modelVersion.getMetadata().getGeneration(), now);
        if (!status.getStage().name().equals(before)) {
            String message = "stage " + status.getStage() + ": " + status.getReason();
            if (status.getStage() == ModelStage.Rejected) {
                events.warning(modelVersion, EventReason.StageChanged, message);
            } else {
                events.normal(modelVersion, EventReason.StageChanged, message);
            }
        }
    }

    private static ModelStage initialStage(ModelVersion modelVersion) {
        String decision = annotations(modelVersion).get(Labels.GATE_DECISION);
        return decision == null ? ModelStage.Candidate : ModelStage.valueOf(decision);
    }

    private static String initialReason(ModelVersion modelVersion) {
        String reason = annotations(modelVersion).get(Labels.GATE_REASON);
        if (reason != null) {
            return reason;
        }
        return "registered by hand; an InferenceService serves it only when pinned to version " + modelVersion.getSpec().getVersion();
    }

    private static Map<String, String> annotations(ModelVersion modelVersion) {
        return modelVersion.getMetadata().getAnnotations() == null ? Map.of() : modelVersion.getMetadata().getAnnotations();
    }

    private static List<String> servedBy(ModelVersion modelVersion, Context<ModelVersion> context) {
        String name = modelVersion.getMetadata().getName();
        return context.getSecondaryResources(InferenceService.class).stream()
                .filter(isvc -> isvc.getStatus() != null)
                .filter(isvc -> Stream.of(
                                isvc.getStatus().getStable() == null ? null : isvc.getStatus().getStable().getModelVersion(),
                                isvc.getStatus().getCanary() == null ? null : isvc.getStatus().getCanary().getModelVersion())
                        .anyMatch(served -> Objects.equals(served, name)))
                .map(isvc -> isvc.getMetadata().getName())
                .sorted()
                .toList();
    }
}
