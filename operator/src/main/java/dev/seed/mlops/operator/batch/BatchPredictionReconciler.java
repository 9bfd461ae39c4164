package dev.seed.mlops.operator.batch;

import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.BatchPredictionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusSkeleton;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs a BatchPrediction: observe the caches, plan with {@link BatchPlanner}, then act — create the run's Indexed Job,
 * delete Jobs beyond the history limits, patch status, record events and metrics.
 */
@ControllerConfiguration(triggerReconcilerOnAllEvents = true)
public class BatchPredictionReconciler implements Reconciler<BatchPrediction> {
    static final String DATASETS = "batch-datasets";
    static final String MODEL_VERSIONS = "batch-modelversions";
    static final String INFERENCE_SERVICES = "batch-inferenceservices";

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private final BatchMetrics metrics;
    private InformerEventSource<Job, BatchPrediction> jobs;

    public BatchPredictionReconciler(OperatorSettings settings, EventRecorder events, Clock clock, BatchMetrics metrics) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, BatchPrediction>> prepareEventSources(EventSourceContext<BatchPrediction> context) {
        String selector = Labels.selector(BatchJobs.OWNER_LABEL) + "," + Labels.COMPONENT + "=" + BatchJobs.COMPONENT;
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, BatchPrediction.class)
                .withLabelSelector(selector).build(), context);
        return List.of(jobs,
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, BatchPrediction.class)
                        .withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(BatchJobs.OWNER_LABEL)).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Dataset.class, BatchPrediction.class)
                        .withName(DATASETS)
                        .withSecondaryToPrimaryMapper(dataset -> concerned(context, dataset.getMetadata().getNamespace(),
                                bp -> bp.getSpec().getInput().getDataset() != null
                                        && bp.getSpec().getInput().getDataset().getName().equals(dataset.getMetadata().getName())))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(ModelVersion.class, BatchPrediction.class)
                        .withName(MODEL_VERSIONS)
                        .withSecondaryToPrimaryMapper(mv -> concerned(context, mv.getMetadata().getNamespace(),
                                bp -> bp.getSpec().getModel().getFromInferenceService() != null
                                        || mv.getMetadata().getName().equals(bp.getSpec().getModel().getModelVersion())))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(InferenceService.class, BatchPrediction.class)
                        .withName(INFERENCE_SERVICES)
                        .withSecondaryToPrimaryMapper(isvc -> concerned(context, isvc.getMetadata().getNamespace(),
                                bp -> isvc.getMetadata().getName().equals(bp.getSpec().getModel().getFromInferenceService())))
                        .build(), context));
    }

    /** A change of something a BatchPrediction resolves its next run from wakes those that have none running. */
    private static Set<ResourceID> concerned(EventSourceContext<BatchPrediction> context, String namespace, Predicate<BatchPrediction> uses) {
        return context.getPrimaryCache().list(namespace)
                .filter(bp -> bp.getSpec() != null && uses.test(bp))
                .filter(bp -> bp.getStatus() == null || bp.getStatus().getLastRun() == null
                        || !BatchPlanner.RUNNING.equals(bp.getStatus().getLastRun().getPhase()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<BatchPrediction> reconcile(BatchPrediction bp, Context<BatchPrediction> context) {
        if (context.isPrimaryResourceDeleted()) {
            metrics.forget(bp);
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        BatchObservation seen = BatchObservation.of(bp, context);
        if (!InformerCaches.vouchFor(context)) {
            return UpdateControl.<BatchPrediction>noUpdate().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }
        BatchPlanner.Plan plan = BatchPlanner.plan(bp, seen, now);
        plan.start().ifPresent(run -> {
            Optional<Job> holder = OwnedJobs.create(context, BatchJobs.desired(bp, run, settings), jobs);
            if (holder.isPresent()) {
                throw new IllegalStateException("Job " + BatchJobs.jobName(bp, run.run()) + " already exists and belongs to "
                        + Owners.describe(holder.get()) + "; delete it to let BatchPrediction " + bp.getMetadata().getName() + " run");
            }
        });
        for (String job : plan.delete()) {
            context.getClient().batch().v1().jobs().inNamespace(bp.getMetadata().getNamespace()).withName(job)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        }
        plan.finished().ifPresent(run -> metrics.runFinished(bp, run));
        PlannedEvent.recordAll(plan.events(), events, bp);
        UpdateControl<BatchPrediction> control = StatusSkeleton.patchIfChanged(bp, plan.status());
        plan.requeueAfter().ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<BatchPrediction> updateErrorStatus(BatchPrediction bp, Context<BatchPrediction> context, Exception e) {
        return StatusSkeleton.error(bp, BatchPredictionStatus.class, BatchPredictionStatus::new, e, clock.instant());
    }
}
