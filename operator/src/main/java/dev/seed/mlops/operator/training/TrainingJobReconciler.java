package dev.seed.mlops.operator.training;

import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobStatus;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.LeanItemStore;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.OwnedJobs;
import dev.seed.mlops.operator.common.Owners;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusSkeleton;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a TrainingJob: observe the caches, plan with {@link TrainingPlanner}, then act — reserve a version number
 * ({@link VersionReservations}), create the training Job, register the ModelVersion, patch status, record events.
 */
public class TrainingJobReconciler implements Reconciler<TrainingJob> {
    static final String DATASETS = "datasets";
    static final String MODEL_VERSIONS = "modelversions";
    static final String INFERENCE_SERVICES = "inferenceservices";
    /** Plans per reconcile: a reservation, a Job name held by another owner, a ModelVersion found in place each re-plan once. */
    private static final int MAX_PLANS = 4;

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private final TrainingMetrics metrics;
    private InformerEventSource<Job, TrainingJob> jobs;

    public TrainingJobReconciler(OperatorSettings settings, EventRecorder events, Clock clock, TrainingMetrics metrics) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, TrainingJob>> prepareEventSources(EventSourceContext<TrainingJob> context) {
        String selector = Labels.selector(Labels.TRAINING_JOB) + "," + Labels.COMPONENT + "=" + TrainingJobs.COMPONENT;
        jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, TrainingJob.class).withLabelSelector(selector).build(), context);
        return List.of(jobs,
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, TrainingJob.class)
                        .withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.TRAINING_JOB)).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Dataset.class, TrainingJob.class)
                        .withName(DATASETS)
                        .withSecondaryToPrimaryMapper(dataset -> waitingOn(context, dataset.getMetadata().getName(), dataset.getMetadata().getNamespace()))
                        .build(), context),
                new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(ModelVersion.class, TrainingJob.class), settings.namespaces())
                        .withName(MODEL_VERSIONS)
                        .withSecondaryToPrimaryMapper(mv -> Set.of()).build(), context),
                new InformerEventSource<>(LeanItemStore.lean(InformerEventSourceConfiguration.from(InferenceService.class, TrainingJob.class),
                        settings.namespaces())
                        .withName(INFERENCE_SERVICES)
                        .withSecondaryToPrimaryMapper(isvc -> Set.of()).build(), context));
    }

    /** A Dataset change wakes the TrainingJobs that train on it and have not finished. */
    private static Set<ResourceID> waitingOn(EventSourceContext<TrainingJob> context, String dataset, String namespace) {
        return context.getPrimaryCache().list(namespace)
                .filter(tj -> dataset.equals(tj.getSpec().getDatasetRef().getName()))
                .filter(tj -> !TrainingPhase.isFinal(tj.getStatus() == null ? null : tj.getStatus().getPhase()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    @Override
    public UpdateControl<TrainingJob> reconcile(TrainingJob trainingJob, Context<TrainingJob> context) {
        Instant now = clock.instant();
        TrainingObservation seen = TrainingObservation.of(trainingJob, context, now);
        if (!InformerCaches.vouchFor(context)) {
            return UpdateControl.<TrainingJob>noUpdate().rescheduleAfter(InformerCaches.UNTIL_THEY_VOUCH);
        }
        TrainingPlanner.Plan plan = TrainingPlanner.plan(trainingJob, seen, now);
        for (int plans = 1; ; plans++) {
            Optional<TrainingObservation> learned = act(plan, trainingJob, seen, context);
            if (learned.isEmpty()) {
                break;
            }
            if (plans == MAX_PLANS) {
                throw new IllegalStateException("the plan for TrainingJob " + trainingJob.getMetadata().getName() + " did not settle after "
                        + MAX_PLANS + " answers of the API server the caches did not know; trying again");
            }
            seen = learned.get();
            plan = TrainingPlanner.plan(trainingJob, seen, now);
        }
        plan.finished().ifPresent(phase -> metrics.trainingFinished(phase.name().toLowerCase(Locale.ROOT)));
        PlannedEvent.recordAll(plan.events(), events, trainingJob);
        UpdateControl<TrainingJob> control = StatusSkeleton.patchIfChanged(trainingJob, plan.status());
        plan.requeueAfter().ifPresent(control::rescheduleAfter);
        return control;
    }

    /** Carries out the plan's writes; what the API server answered that the caches did not know calls for another plan. */
    private Optional<TrainingObservation> act(TrainingPlanner.Plan plan, TrainingJob trainingJob, TrainingObservation seen, Context<TrainingJob> context) {
        if (plan.reserveFrom().isPresent()) {
            return Optional.of(seen.withReservedVersion(VersionReservations.reserve(context.getClient(), trainingJob, plan.reserveFrom().getAsLong())));
        }
        if (plan.createJob().isPresent()) {
            TrainingPlanner.StartJob start = plan.createJob().get();
            String trackerAddress = start.workers() > 1 ? workerService(trainingJob, context) : null;
            Job job = TrainingJobs.desired(trainingJob, start.name(), start.snapshotUri(), start.version(), start.championUri(),
                    start.hyperparameters(), trackerAddress, settings);
            Optional<Job> holder = OwnedJobs.create(context, job, jobs);
            if (holder.isPresent()) {
                return Optional.of(seen.withForeignJob(holder.get()));
            }
        }
        for (TrainingPlanner.StartTrial trial : plan.startTrials()) {
            Job job = TrainingJobs.trial(trainingJob, trial.name(), trial.snapshotUri(), trial.version(), trial.parameters(),
                    trial.stopWorseThan(), settings);
            Optional<Job> holder = OwnedJobs.create(context, job, jobs);
            if (holder.isPresent()) {
                return Optional.of(seen.withForeignJob(holder.get()));
            }
        }
        if (plan.register().isPresent()) {
            try {
                context.getClient().resource(plan.register().get()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                ModelVersion existing = context.getClient().resource(plan.register().get()).get();
                if (existing == null) {
                    throw new IllegalStateException("ModelVersion " + plan.register().get().getMetadata().getName()
                            + " was deleted while it was being registered; registering it again");
                }
                return Optional.of(seen.withRegistered(existing));
            }
        }
        return Optional.empty();
    }

    /**
     * The Service in front of worker 0's tracker, created before the workers' Job, whose command line carries its cluster
     * IP: kept for every attempt, deleted with the TrainingJob.
     */
    private static String workerService(TrainingJob trainingJob, Context<TrainingJob> context) {
        Service service = WorkerGroups.service(trainingJob);
        try {
            return context.getClient().resource(service).create().getSpec().getClusterIP();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        Service existing = context.getClient().resource(service).get();
        if (existing == null) {
            throw new IllegalStateException("Service " + service.getMetadata().getName() + " was deleted while it was being created; creating it again");
        }
        if (!Owners.ownedBy(existing, trainingJob)) {
            throw new IllegalStateException("Service " + service.getMetadata().getName() + " belongs to " + Owners.describe(existing)
                    + ", not to this TrainingJob; its workers need it for their tracker: delete that Service");
        }
        return existing.getSpec().getClusterIP();
    }

    @Override
    public ErrorStatusUpdateControl<TrainingJob> updateErrorStatus(TrainingJob trainingJob, Context<TrainingJob> context, Exception e) {
        return StatusSkeleton.error(trainingJob, TrainingJobStatus.class, TrainingJobStatus::new, e, clock.instant());
    }
}
