package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.QualityStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.BaselinePhase;
import dev.seed.mlops.api.v1alpha1.BaselineStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.TrainingJob;
import dev.seed.mlops.operator.common.InformerCaches;
import dev.seed.mlops.operator.common.Measurements;
import dev.seed.mlops.operator.common.ObservedJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link DriftObservation} from the informer caches and the kept readings: no writes, no blocking I/O. */
final class DriftObservations {
    private DriftObservations() {
    }

    /** Baselines drift can be measured against: a training profile, or one computed from a Dataset. */
    private static final Set<BaselinePhase> WATCHABLE = Set.of(BaselinePhase.Training, BaselinePhase.Ready);

    static DriftObservation of(DriftPolicy policy, Context<DriftPolicy> context, Measurements<DriftPolicy, ReadingKey, DriftReading> readings,
            Instant now) {
        String namespace = policy.getMetadata().getNamespace();
        ResourceID id = ResourceID.fromResource(policy);
        Optional<DriftObservation.Target> target = InformerCaches.named(context, DriftPolicyReconciler.INFERENCE_SERVICES, InferenceService.class)
                .get(new ResourceID(policy.getSpec().getTargetRef().getName(), namespace))
                .map(isvc -> target(isvc, context));
        Optional<DriftObservation.Retrain> retrain = Optional.ofNullable(policy.getStatus()).map(s -> s.getLastTriggered())
                .map(RetrainTrigger::getTrainingJob)
                .flatMap(name -> InformerCaches.named(context, DriftPolicyReconciler.TRAINING_JOBS, TrainingJob.class).get(new ResourceID(name, namespace)))
                .map(job -> retrain(job, context));
        Optional<ObservedJob> qualityJob = Optional.ofNullable(policy.getStatus()).map(DriftPolicyStatus::getQuality).map(QualityStatus::getJob)
                .flatMap(name -> InformerCaches.named(context, DriftPolicyReconciler.QUALITY_JOBS, Job.class).get(new ResourceID(name, namespace)))
                .map(job -> ObservedJob.of(policy, job, InformerCaches.named(context, DriftPolicyReconciler.QUALITY_PODS, Pod.class)
                        .list(namespace, pod -> job.getMetadata().getName().equals(pod.getMetadata().getLabels().get("job-name"))).toList(), now));
        return new DriftObservation(target, readings.latest(id), readings.running(id), retrain, qualityJob);
    }

    private static DriftObservation.Target target(InferenceService isvc, Context<DriftPolicy> context) {
        var status = isvc.getStatus();
        var stable = status == null ? null : status.getStable();
        Long version = stable == null ? null : stable.getVersion();
        String name = isvc.getMetadata().getName();
        List<String> pods = version == null ? List.of() : ServingPods.readyAddresses(
                InformerCaches.named(context, DriftPolicyReconciler.SERVING_PODS, Pod.class)
                        .list(isvc.getMetadata().getNamespace(), pod -> ServingPods.servesVersion(pod, name, version)).toList(), name, version);
        String stableModelVersion = stable == null ? null : stable.getModelVersion();
        return new DriftObservation.Target(name, isvc.getSpec().getModel(), version, stableModelVersion,
                status == null || status.getCanary() == null ? null : status.getCanary().getModelVersion(),
                status == null ? List.of() : List.copyOf(status.getHistory()), pods,
                missingBaseline(stableModelVersion, isvc.getMetadata().getNamespace(), context));
    }

    /** The stable ModelVersion's baseline message while it has no baseline to measure drift against. */
    private static String missingBaseline(String modelVersion, String namespace, Context<DriftPolicy> context) {
        if (modelVersion == null) {
            return null;
        }
        return InformerCaches.named(context, DriftPolicyReconciler.MODEL_VERSIONS, ModelVersion.class).get(new ResourceID(modelVersion, namespace))
                .map(mv -> mv.getStatus() == null ? null : mv.getStatus().getBaseline())
                .filter(baseline -> baseline.getPhase() != null && !WATCHABLE.contains(baseline.getPhase()))
                .map(BaselineStatus::getMessage)
                .orElse(null);
    }

    private static DriftObservation.Retrain retrain(TrainingJob job, Context<DriftPolicy> context) {
        var status = job.getStatus();
        if (status == null) {
            return new DriftObservation.Retrain(job.getMetadata().getName(), null, null, null, null, Optional.empty(), null);
        }
        Optional<ModelVersion> version = Optional.ofNullable(status.getModelVersion()).flatMap(name ->
                InformerCaches.named(context, DriftPolicyReconciler.MODEL_VERSIONS, ModelVersion.class)
                        .get(new ResourceID(name, job.getMetadata().getNamespace())));
        return new DriftObservation.Retrain(job.getMetadata().getName(), status.getPhase(), status.getMessage(), status.getModelVersion(),
                status.getVersion(), version.map(mv -> mv.getStatus() == null ? null : mv.getStatus().getStage()),
                version.map(mv -> mv.getStatus() == null ? null : mv.getStatus().getReason()).orElse(null));
    }
}
