package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the reconcile does, decided by {@link RolloutPlanner}: the next status, the versions to serve with their
 * replicas, the Deployments to delete or scale to zero, whether the HPA exists, the measurement to ask for, the events.
 *
 * @param serve        versions whose Deployment and Service are applied; absent from it, a Deployment is left as it is
 * @param routing      where the stable pods send requests; absent while nothing serves or the stable Service has no address
 * @param delete       versions whose Deployment and Service are deleted
 * @param scaleToZero  replaced versions kept at zero replicas for a fast manual rollback
 * @param autoscaler   whether the HorizontalPodAutoscaler exists (autoscaling set and no canary running)
 * @param measure      a canary measurement to start now
 * @param qualityJob   a quality Job to create now, comparing the canary with stable on live labels
 * @param rolloutEnded the outcome of a replacement that ended in this pass, for the rollout metric
 */
public record ServingPlan(InferenceServiceStatus status, List<Serve> serve, Optional<Routing> routing, Set<Long> delete, Set<Long> scaleToZero, boolean autoscaler,
        Optional<CanaryKey> measure, Optional<CanaryQuality.Order> qualityJob, List<PlannedEvent> events, Optional<String> rolloutEnded, Optional<Duration> requeueAfter) {

    /** @param replicas the version's replicas, or null where the HorizontalPodAutoscaler owns them */
    public record Serve(ModelVersion version, Integer replicas) {
        public long number() {
            return version.getSpec().getVersion();
        }
    }

    public Optional<Serve> serving(long version) {
        return serve.stream().filter(s -> s.number() == version).findFirst();
    }
}
