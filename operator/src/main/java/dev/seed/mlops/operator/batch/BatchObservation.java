package dev.seed.mlops.operator.batch;

import dev.seed.mlops.api.v1alpha1.BatchPrediction;
import dev.seed.mlops.api.v1alpha1.Dataset;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.InformerCaches;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the informer caches show about a BatchPrediction: its run Jobs by name, and the objects a new run would resolve
 * its model and input from (the pinned ModelVersion, or the InferenceService and the ModelVersion it serves as stable;
 * the Dataset). No writes, no I/O.
 */
public record BatchObservation(Map<String, ObservedRun> runs, Optional<ModelVersion> pinned, Optional<InferenceService> service,
        Optional<ModelVersion> served, Optional<Dataset> dataset) {

    static BatchObservation of(BatchPrediction bp, Context<BatchPrediction> context) {
        String namespace = bp.getMetadata().getNamespace();
        var modelVersions = InformerCaches.named(context, BatchPredictionReconciler.MODEL_VERSIONS, ModelVersion.class);
        Optional<ModelVersion> pinned = Optional.ofNullable(bp.getSpec().getModel().getModelVersion())
                .flatMap(name -> modelVersions.get(new ResourceID(name, namespace)));
        Optional<InferenceService> service = Optional.ofNullable(bp.getSpec().getModel().getFromInferenceService())
                .flatMap(name -> InformerCaches.named(context, BatchPredictionReconciler.INFERENCE_SERVICES, InferenceService.class)
                        .get(new ResourceID(name, namespace)));
        Optional<ModelVersion> served = service.map(InferenceService::getStatus)
                .map(status -> status.getStable() == null ? null : status.getStable().getModelVersion())
                .flatMap(name -> modelVersions.get(new ResourceID(name, namespace)));
        Optional<Dataset> dataset = Optional.ofNullable(bp.getSpec().getInput().getDataset())
                .flatMap(input -> InformerCaches.named(context, BatchPredictionReconciler.DATASETS, Dataset.class)
                        .get(new ResourceID(input.getName(), namespace)));
        return new BatchObservation(runs(bp, context.getSecondaryResources(Job.class), context.getSecondaryResources(Pod.class)),
                pinned, service, served, dataset);
    }

    static Map<String, ObservedRun> runs(BatchPrediction bp, Collection<Job> jobs, Collection<Pod> pods) {
        Map<String, ObservedRun> byName = new LinkedHashMap<>();
        jobs.forEach(job -> byName.put(job.getMetadata().getName(), ObservedRun.of(bp, job, pods)));
        return Map.copyOf(byName);
    }
}
