package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.DatasetSnapshot;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.MustBeatServing;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.api.v1alpha1.TrainingJobStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.EventRecorder;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.OperatorSettings;
import dev.seed.mlops.operator.common.SecondaryMappers;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a TrainingJob: waits for a Ready snapshot, starts the training Job, follows it, and on success registers the
 * ModelVersion with the gate decision. Succeeded and Failed are final.
 */
public class TrainingJobReconciler implements Reconciler<TrainingJob> {
    static final String DATASETS = "datasets";
    static final String MODEL_VERSIONS = "modelversions";
    static final String INFERENCE_SERVICES = "inferenceservices";

    private static final java.time.Duration RECHECK = JobOutcome.RESULT_GRACE.dividedBy(2);

    private final OperatorSettings settings;
    private final EventRecorder events;
    private final Clock clock;
    private final TrainingMetrics metrics;

    public TrainingJobReconciler(OperatorSettings settings, EventRecorder events, Clock clock, TrainingMetrics metrics) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, TrainingJob>> prepareEventSources(EventSourceContext<TrainingJob> context) {
        String selector = Labels.selector(Labels.TRAINING_JOB) + "," + Labels.COMPONENT + "=" + TrainingJobs.COMPONENT;
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, TrainingJob.class)
                        .withLabelSelector(selector).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, TrainingJob.class)
                        .withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(SecondaryMappers.fromLabel(Labels.TRAINING_JOB)).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Dataset.class, TrainingJob.class)
                        .withName(DATASETS)
                        .withSecondaryToPrimaryMapper(dataset -> waitingOn(context, dataset.getMetadata().getName(), dataset.getMetadata().getNamespace()))
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(ModelVersion.class, TrainingJob.class)
                        .withName(MODEL_VERSIONS)
                        .withSecondaryToPrimaryMapper(mv -> Set.of()).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(InferenceService.class, TrainingJob.class)
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
        TrainingJobStatus status = StatusCopies.copyOrNew(trainingJob.getStatus(), TrainingJobStatus.class, TrainingJobStatus::new);
        if (status.getPhase() == null) {
            status.setPhase(TrainingPhase.PENDING);
        }
        if (!TrainingPhase.isFinal(status.getPhase())) {
            advance(trainingJob, status, context, now);
        }
        status.setObservedGeneration(trainingJob.getMetadata().getGeneration());
        UpdateControl<TrainingJob> control;
        if (StatusCopies.same(status, trainingJob.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            trainingJob.setStatus(status);
            control = UpdateControl.patchStatus(trainingJob);
        }
        // A completed Job whose pod result never arrives (the pod was deleted) must still end the run.
        return TrainingPhase.RUNNING.equals(status.getPhase()) ? control.rescheduleAfter(RECHECK) : control;
    }

    private void advance(TrainingJob trainingJob, TrainingJobStatus status, Context<TrainingJob> context, Instant now) {
        Optional<Job> job = context.getSecondaryResource(Job.class);
        if (status.getJobName() == null) {
            startWhenDataIsReady(trainingJob, status, context, now);
        } else if (job.isEmpty()) {
            if (TrainingPhase.RUNNING.equals(status.getPhase()) && status.getStartTime() != null
                    && Instant.parse(status.getStartTime()).isBefore(now.minusSeconds(30))) {
                fail(trainingJob, status, "JobDeleted", "the training Job " + status.getJobName() + " was deleted before it finished", now);
            }
        } else {
            follow(trainingJob, status, job.get(), JobOutcome.of(job.get(), context.getSecondaryResources(Pod.class), now), context, now);
        }
    }

    private void startWhenDataIsReady(TrainingJob trainingJob, TrainingJobStatus status, Context<TrainingJob> context, Instant now) {
        long generation = trainingJob.getMetadata().getGeneration();
        String datasetName = trainingJob.getSpec().getDatasetRef().getName();
        Optional<Dataset> dataset = InformerCaches.named(context, DATASETS, Dataset.class).get(new ResourceID(datasetName, trainingJob.getMetadata().getNamespace()));
        Optional<DatasetSnapshot> snapshot = dataset.flatMap(ds -> snapshotToTrainOn(trainingJob, ds));
        if (snapshot.isEmpty()) {
            Optional<Instant> freshAfter = snapshotAfter(trainingJob).filter(after -> dataset.flatMap(TrainingJobReconciler::readySnapshot).isPresent());
            String reason = dataset.isEmpty() ? EventReason.DatasetNotFound.name()
                    : freshAfter.isPresent() ? EventReason.WaitingForFreshData.name() : EventReason.WaitingForSnapshot.name();
            String message = dataset.isEmpty()
                    ? "Dataset " + datasetName + " does not exist; training starts when it does and has a Ready snapshot"
                    : freshAfter.isPresent()
                            ? "waiting for Dataset " + datasetName + " to be prepared again: this run trains on fresh data, a snapshot prepared at or after "
                                    + Timestamps.format(freshAfter.get()) + " (annotation " + Labels.SNAPSHOT_AFTER + "); the latest was prepared at "
                                    + readySnapshot(dataset.get()).map(DatasetSnapshot::getPreparedAt).orElse("an unknown time")
                            : pinnedOrLatest(trainingJob) + " of Dataset " + datasetName + " is not Ready yet";
            boolean changed = !TrainingPhase.WAITING.equals(status.getPhase()) || !Conditions.find(status, Conditions.READY).map(c -> reason.equals(c.getReason())).orElse(false);
            status.setPhase(TrainingPhase.WAITING);
            status.setMessage(message);
            Conditions.set(status, Conditions.READY, ConditionStatus.False, reason, message, generation, now);
            Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, reason, message, generation, now);
            if (changed) {
                if (dataset.isEmpty()) {
                    events.warning(trainingJob, EventReason.DatasetNotFound, message);
                } else {
                    events.normal(trainingJob, EventReason.valueOf(reason), message);
                }
            }
            return;
        }
        long version = VersionAllocator.next(trainingJob,
                InformerCaches.named(context, MODEL_VERSIONS, ModelVersion.class).list(trainingJob.getMetadata().getNamespace()).toList(),
                context.getPrimaryCache().list(trainingJob.getMetadata().getNamespace()).toList());
        String champion = championArtifact(trainingJob, context).orElse(null);
        try {
            context.getClient().resource(TrainingJobs.desired(trainingJob, snapshot.get().getUri(), version, champion, settings)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        status.setJobName(TrainingJobs.name(trainingJob));
        status.setVersion(version);
        status.setDatasetSnapshot(snapshot.get().getDigest());
        status.setStartTime(Timestamps.format(now));
        status.setFailedAttempts(0);
        status.setPhase(TrainingPhase.RUNNING);
        String message = "training " + trainingJob.getSpec().getModel() + " v" + version + " on snapshot " + snapshot.get().getDigest()
                + (champion == null ? "" : ", scoring the serving version " + champion + " on the same split");
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Training", message, generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, "Training", message, generation, now);
        events.normal(trainingJob, EventReason.TrainingStarted, message);
    }

    private void follow(TrainingJob trainingJob, TrainingJobStatus status, Job job, JobOutcome outcome, Context<TrainingJob> context, Instant now) {
        int before = status.getFailedAttempts() == null ? 0 : status.getFailedAttempts();
        int attempts = Math.max(before, outcome.failedPods());
        status.setFailedAttempts(attempts);
        switch (outcome.state()) {
            case Running -> {
                if (attempts > before) {
                    events.warning(trainingJob, EventReason.TrainingRetried, "training pod failed (" + attempts + " of "
                            + (job.getSpec().getBackoffLimit() + 1) + " attempts used); the Job retries it");
                }
            }
            case Failed -> fail(trainingJob, status, outcome.reason(), outcome.message(), now);
            case Succeeded -> {
                Optional<JobResult> result = outcome.result().filter(JobResult::success);
                if (result.isEmpty()) {
                    fail(trainingJob, status, "NoResult", "the training Job completed without a result in its termination message", now);
                } else {
                    succeed(trainingJob, status, result.get(), context, now);
                }
            }
        }
    }

    private void succeed(TrainingJob trainingJob, TrainingJobStatus status, JobResult result, Context<TrainingJob> context, Instant now) {
        long generation = trainingJob.getMetadata().getGeneration();
        String datasetName = trainingJob.getSpec().getDatasetRef().getName();
        Optional<Dataset> dataset = InformerCaches.named(context, DATASETS, Dataset.class).get(new ResourceID(datasetName, trainingJob.getMetadata().getNamespace()));
        if (dataset.isEmpty()) {
            fail(trainingJob, status, EventReason.DatasetNotFound.name(), "Dataset " + datasetName
                    + " was deleted before the model could be registered; its schema is needed for the ModelVersion", now);
            return;
        }
        String championName = championVersion(trainingJob, context).map(mv -> mv.getMetadata().getName()).orElse(null);
        GateDecision decision = EvaluationGates.decide(trainingJob.getSpec().getEvaluation(), result.metrics(), championName);
        ModelVersion modelVersion = ModelVersions.desired(trainingJob, dataset.get(), status.getDatasetSnapshot(), status.getVersion(), result, decision);
        register(modelVersion, trainingJob, context);
        status.setPhase(TrainingPhase.SUCCEEDED);
        status.setCompletionTime(Timestamps.format(now));
        status.setMetrics(result.metrics());
        status.setModelVersion(modelVersion.getMetadata().getName());
        String message = "registered " + modelVersion.getMetadata().getName() + " as " + decision.stage() + ": " + decision.reason();
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Finished", "training finished", generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.True, decision.validated() ? "ModelValidated" : "ModelRejected", message, generation, now);
        metrics.trainingFinished("succeeded");
        events.normal(trainingJob, EventReason.TrainingSucceeded, "training finished: " + result.metrics());
        if (decision.validated()) {
            events.normal(trainingJob, EventReason.ModelValidated, message);
        } else {
            events.warning(trainingJob, EventReason.ModelRejected, message);
        }
    }

    /** Creating the same version twice (a retried reconcile) is fine; a version someone else registered is not. */
    private void register(ModelVersion modelVersion, TrainingJob trainingJob, Context<TrainingJob> context) {
        try {
            context.getClient().resource(modelVersion).create();
            events.normal(trainingJob, EventReason.ModelVersionRegistered, "created ModelVersion " + modelVersion.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            ModelVersion existing = context.getClient().resource(modelVersion).get();
            if (existing == null || !trainingJob.getMetadata().getName().equals(existing.getMetadata().getLabels().get(Labels.TRAINING_JOB))) {
                throw new IllegalStateException("ModelVersion " + modelVersion.getMetadata().getName() + " already exists and was not made by "
                        + trainingJob.getMetadata().getName() + "; another run took the version number");
            }
        }
    }

    private void fail(TrainingJob trainingJob, TrainingJobStatus status, String reason, String message, Instant now) {
        long generation = trainingJob.getMetadata().getGeneration();
        status.setPhase(TrainingPhase.FAILED);
        status.setCompletionTime(Timestamps.format(now));
        status.setMessage(message);
        Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Finished", "training finished", generation, now);
        Conditions.set(status, Conditions.READY, ConditionStatus.False, reason, message, generation, now);
        metrics.trainingFinished("failed");
        events.warning(trainingJob, EventReason.TrainingFailed, reason + ": " + message);
    }

    /**
     * The pinned snapshot if there is a pin (a pin is exact, fresh or not); otherwise the latest Ready one, and with
     * the {@link Labels#SNAPSHOT_AFTER} annotation only if it was prepared at or after that time.
     */
    static Optional<DatasetSnapshot> snapshotToTrainOn(TrainingJob trainingJob, Dataset dataset) {
        if (dataset.getStatus() == null) {
            return Optional.empty();
        }
        String pinned = trainingJob.getSpec().getDatasetRef().getSnapshot();
        if (pinned != null) {
            return dataset.getStatus().getSnapshots().stream().filter(s -> pinned.equals(s.getDigest())).findFirst();
        }
        Optional<Instant> after = snapshotAfter(trainingJob);
        return readySnapshot(dataset).filter(s -> after.isEmpty()
                || (s.getPreparedAt() != null && !Timestamps.parse(s.getPreparedAt()).isBefore(after.get())));
    }

    private static Optional<DatasetSnapshot> readySnapshot(Dataset dataset) {
        return dataset.getStatus() != null && Conditions.isTrue(dataset.getStatus(), Conditions.READY)
                ? Optional.ofNullable(dataset.getStatus().getLatestSnapshot()) : Optional.empty();
    }

    /** Unset, or unreadable: then there is nothing to wait for, rather than waiting forever. */
    private static Optional<Instant> snapshotAfter(TrainingJob trainingJob) {
        String after = trainingJob.getMetadata().getAnnotations() == null ? null : trainingJob.getMetadata().getAnnotations().get(Labels.SNAPSHOT_AFTER);
        try {
            return Optional.ofNullable(after).map(Timestamps::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String pinnedOrLatest(TrainingJob trainingJob) {
        String pinned = trainingJob.getSpec().getDatasetRef().getSnapshot();
        return pinned == null ? "the latest snapshot" : "snapshot " + pinned;
    }

    private Optional<String> championArtifact(TrainingJob trainingJob, Context<TrainingJob> context) {
        return championVersion(trainingJob, context).map(mv -> mv.getSpec().getArtifact().getUri());
    }

    /**
     * The version the referenced InferenceService serves as stable, if champion/challenger is asked for. A service
     * that serves another model has no champion for this one: comparing across models would mean nothing.
     */
    private Optional<ModelVersion> championVersion(TrainingJob trainingJob, Context<TrainingJob> context) {
        MustBeatServing rule = trainingJob.getSpec().getEvaluation() == null ? null : trainingJob.getSpec().getEvaluation().getMustBeatServing();
        if (rule == null) {
            return Optional.empty();
        }
        String namespace = trainingJob.getMetadata().getNamespace();
        return InformerCaches.named(context, INFERENCE_SERVICES, InferenceService.class)
                .get(new ResourceID(rule.getInferenceServiceRef().getName(), namespace))
                .map(isvc -> isvc.getStatus() == null || isvc.getStatus().getStable() == null ? null : isvc.getStatus().getStable().getModelVersion())
                .filter(Objects::nonNull)
                .flatMap(name -> InformerCaches.named(context, MODEL_VERSIONS, ModelVersion.class).get(new ResourceID(name, namespace)))
                .filter(mv -> mv.getSpec().getModel().equals(trainingJob.getSpec().getModel()));
    }

}
