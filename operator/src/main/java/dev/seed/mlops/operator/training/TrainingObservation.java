package dev.seed.mlops.operator.training;

import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.MustBeatServing;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.AnnotatedTimes;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.Labels;
import dev.seed.mlops.operator.common.ObservedJob;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the informer caches show about a TrainingJob: its Dataset, the training Jobs that carry its name (its own with
 * their outcome, and those another owner holds), the version serving on the InferenceService it must beat, the
 * ModelVersion already named after its version, where reserving a version number should start, and the version this
 * pass reserved (before status says so). No writes, no I/O. (The snapshot-after annotation is the run's own metadata:
 * {@link #snapshotAfter}.)
 */
public record TrainingObservation(Optional<Dataset> dataset, Map<String, ObservedJob> jobs, Optional<ModelVersion> champion,
        Optional<ModelVersion> registered, long firstFreeVersion, OptionalLong reservedVersion) {

    static TrainingObservation of(TrainingJob trainingJob, Context<TrainingJob> context, Instant now) {
        String namespace = trainingJob.getMetadata().getNamespace();
        var modelVersions = InformerCaches.named(context, TrainingJobReconciler.MODEL_VERSIONS, ModelVersion.class);
        Optional<Dataset> dataset = InformerCaches.named(context, TrainingJobReconciler.DATASETS, Dataset.class)
                .get(new ResourceID(trainingJob.getSpec().getDatasetRef().getName(), namespace));
        Map<String, ObservedJob> jobs = ObservedJob.byName(trainingJob, context.getSecondaryResources(Job.class),
                context.getSecondaryResources(Pod.class), now);
        Long version = trainingJob.getStatus() == null ? null : trainingJob.getStatus().getVersion();
        Optional<ModelVersion> registered = version == null ? Optional.empty()
                : modelVersions.get(new ResourceID(ModelVersions.name(trainingJob.getSpec().getModel(), version), namespace));
        long firstFree = VersionAllocator.next(trainingJob, modelVersions.list(namespace).toList(), context.getPrimaryCache().list(namespace).toList());
        return new TrainingObservation(dataset, jobs, champion(trainingJob, context), registered, firstFree, OptionalLong.empty());
    }

    /** The same observation after this pass reserved {@code version} for the run. */
    TrainingObservation withReservedVersion(long version) {
        return new TrainingObservation(dataset, jobs, champion, registered, firstFreeVersion, OptionalLong.of(version));
    }

    /** The same observation, knowing that another owner holds this Job (a create answered 409 before the cache saw it). */
    TrainingObservation withForeignJob(Job job) {
        return new TrainingObservation(dataset, ObservedJob.withForeign(jobs, job), champion, registered, firstFreeVersion, reservedVersion);
    }

    /** The same observation, knowing the ModelVersion a registration found in place (its create answered 409). */
    TrainingObservation withRegistered(ModelVersion existing) {
        return new TrainingObservation(dataset, jobs, champion, Optional.of(existing), firstFreeVersion, reservedVersion);
    }

    Optional<ObservedJob> owned(String name) {
        return ObservedJob.owned(jobs, name);
    }

    Optional<ObservedJob> heldByAnother(String name) {
        return ObservedJob.heldByAnother(jobs, name);
    }

    /**
     * The version the referenced InferenceService serves as stable, if champion/challenger is asked for. A service
     * that serves another model has no champion for this one: comparing across models would mean nothing.
     */
    private static Optional<ModelVersion> champion(TrainingJob trainingJob, Context<TrainingJob> context) {
        MustBeatServing rule = trainingJob.getSpec().getEvaluation() == null ? null : trainingJob.getSpec().getEvaluation().getMustBeatServing();
        if (rule == null) {
            return Optional.empty();
        }
        String namespace = trainingJob.getMetadata().getNamespace();
        return InformerCaches.named(context, TrainingJobReconciler.INFERENCE_SERVICES, InferenceService.class)
                .get(new ResourceID(rule.getInferenceServiceRef().getName(), namespace))
                .map(isvc -> isvc.getStatus() == null || isvc.getStatus().getStable() == null ? null : isvc.getStatus().getStable().getModelVersion())
                .filter(Objects::nonNull)
                .flatMap(name -> InformerCaches.named(context, TrainingJobReconciler.MODEL_VERSIONS, ModelVersion.class).get(new ResourceID(name, namespace)))
                .filter(mv -> mv.getSpec().getModel().equals(trainingJob.getSpec().getModel()));
    }

    /** The run's {@link Labels#SNAPSHOT_AFTER} annotation; unset or unreadable, there is nothing to wait for, rather than waiting forever. */
    static Optional<Instant> snapshotAfter(TrainingJob trainingJob) {
        return AnnotatedTimes.read(trainingJob, Labels.SNAPSHOT_AFTER);
    }
}
