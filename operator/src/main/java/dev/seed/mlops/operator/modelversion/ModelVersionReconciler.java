package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.LeanItemStore;
import dev.seed.mlops.operator.common.StatusSkeleton;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.SecondaryMappers;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a ModelVersion's approval, serving state and stage true (observe the InferenceServices, plan with
 * {@link ModelVersionPlanner}, patch status and record events), and holds its finalizer while an InferenceService
 * serves it, so a version in use cannot disappear under live traffic.
 */
public class ModelVersionReconciler implements Reconciler<ModelVersion>, Cleaner<ModelVersion> {
    static final String INFERENCE_SERVICES = "inferenceservices";
    static final String DATASETS = "datasets";
    static final long DELETION_RECHECK_MILLIS = 30_000;

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private final ModelVersionMetrics metrics;
    private InformerEventSource<Job, ModelVersion> jobs;

    public ModelVersionReconciler(OperatorSettings settings, EventRecorder events, Clock clock, ModelVersionMetrics metrics) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, ModelVersion>> prepareEventSources(EventSourceContext<ModelVersion> context) {
        String baselineJobs = Labels.selector(Labels.MODEL_VERSION) + "," + Labels.COMPONENT + "=" + BaselineJobs.COMPONENT;
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, ModelVersion.class)
                .withLabelSelector(baselineJobs).build(), context);
        return List.of(new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(InferenceService.class, ModelVersion.class),
                        context.getControllerConfiguration().getEffectiveNamespaces())
                .withName(INFERENCE_SERVICES)
                .withSecondaryToPrimaryMapper(isvc -> versionsConcerned(context, isvc))
                .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Dataset.class, ModelVersion.class)
                        .withName(DATASETS)
                        .withSecondaryToPrimaryMapper(dataset -> baselinesOf(context, dataset))
                        .build(), context),
                jobs,
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ModelVersion.class)
                        .withLabelSelector(baselineJobs)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.MODEL_VERSION)).build(), context));
    }

    /** A Dataset change may let the versions whose spec.baseline names it start their baseline Job. */
    private static Set<ResourceID> baselinesOf(EventSourceContext<ModelVersion> context, Dataset dataset) {
        return context.getPrimaryCache().list(dataset.getMetadata().getNamespace())
                .filter(mv -> mv.getSpec().getBaseline() != null && dataset.getMetadata().getName().equals(mv.getSpec().getBaseline().getDataset()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    /** An InferenceService change may start or stop serving any version of its model, or the versions its status names. */
    private static Set<ResourceID> versionsConcerned(EventSourceContext<ModelVersion> context, InferenceService isvc) {
        String namespace = isvc.getMetadata().getNamespace();
        var status = isvc.getStatus();
        Stream<String> named = status == null ? Stream.empty() : Stream.of(
                status.getStable() == null ? null : status.getStable().getModelVersion(),
                status.getCanary() == null ? null : status.getCanary().getModelVersion());
        return Stream.concat(
                        context.getPrimaryCache().list(namespace).filter(mv -> mv.getSpec().getModel().equals(isvc.getSpec().getModel()))
                                .map(ResourceID::fromResource),
                        named.filter(name -> name != null).map(name -> new ResourceID(name, namespace)))
                .collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<ModelVersion> reconcile(ModelVersion modelVersion, Context<ModelVersion> context) {
        ModelVersionObservation seen = observe(modelVersion, context);
        if (!InformerCaches.vouchFor(context)) {
            return UpdateControl.<ModelVersion>noUpdate().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }
        ModelVersionPlan plan = ModelVersionPlanner.plan(modelVersion, seen, clock.instant());
        plan.createBaselineJob().ifPresent(job -> OwnedJobs.create(context, BaselineJobs.desired(modelVersion, job, settings), jobs)
                .ifPresent(holder -> {
                    throw new IllegalStateException("baseline Job " + job.name() + " already exists and belongs to " + Owners.describe(holder)
                            + "; delete it, or it will be retried under another name once the cache shows it");
                }));
        plan.events().forEach(event -> record(modelVersion, event));
        metrics.record(modelVersion, plan.status().getStage());
        return StatusSkeleton.patchIfChanged(modelVersion, plan.status());
    }

    @Override
    public ErrorStatusUpdateControl<ModelVersion> updateErrorStatus(ModelVersion modelVersion, Context<ModelVersion> context, Exception e) {
        return StatusSkeleton.error(modelVersion, ModelVersionStatus.class, ModelVersionStatus::new, e, clock.instant());
    }

    @Override
    public DeleteControl cleanup(ModelVersion modelVersion, Context<ModelVersion> context) {
        ModelVersionObservation seen = observe(modelVersion, context);
        if (!InformerCaches.vouchFor(context)) {
            // An empty cache would read as "served by nobody" and let a serving version go.
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }
        Optional<PlannedEvent> blocked = ModelVersionPlanner.deletionBlocked(modelVersion, seen);
        if (blocked.isPresent()) {
            record(modelVersion, blocked.get());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(DELETION_RECHECK_MILLIS);
        }
        metrics.forget(modelVersion);
        return DeleteControl.defaultDelete();
    }

    private ModelVersionObservation observe(ModelVersion modelVersion, Context<ModelVersion> context) {
        String namespace = modelVersion.getMetadata().getNamespace();
        Optional<Dataset> dataset = Optional.ofNullable(modelVersion.getSpec().getBaseline())
                .flatMap(baseline -> InformerCaches.named(context, DATASETS, Dataset.class).get(new ResourceID(baseline.getDataset(), namespace)));
        BaselineObservation baseline = new BaselineObservation(dataset, ObservedJob.byName(modelVersion,
                context.getSecondaryResources(Job.class), context.getSecondaryResources(Pod.class), clock.instant()));
        return ModelVersionObservation.of(InformerCaches.named(context, INFERENCE_SERVICES, InferenceService.class).list(namespace), baseline);
    }

    private void record(ModelVersion modelVersion, PlannedEvent event) {
        if (event.warning()) {
            events.warning(modelVersion, event.reason(), event.message());
        } else {
            events.normal(modelVersion, event.reason(), event.message());
        }
    }
}
