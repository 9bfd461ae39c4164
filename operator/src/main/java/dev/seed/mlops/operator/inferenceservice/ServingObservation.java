package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.operator.common.Measurements.Measured;
import dev.seed.mlops.operator.common.ObservedJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an InferenceService's reconcile sees, read from the informer caches and the measurement cache only: no writes,
 * no blocking I/O. The planner decides from this, the service's spec and status, and the time.
 *
 * @param versions    ModelVersions of the service's model
 * @param workloads   the service's Deployments by version
 * @param policy      the DriftPolicy that watches the service, if any
 * @param measurement the latest finished canary measurement, whatever step it was taken for
 * @param addresses   each version's Service address (ClusterIP:port), where the stable pods route
 * @param measuring   whether a canary measurement is running now
 * @param qualityJobs the service's canary quality Jobs by name
 */
public record ServingObservation(List<ModelVersion> versions, Map<Long, Workload> workloads, Map<Long, String> addresses,
        Optional<DriftPolicy> policy, Optional<Measured<CanaryKey, CanaryReading>> measurement, boolean measuring, Map<String, ObservedJob> qualityJobs) {

    public Optional<String> address(long version) {
        return Optional.ofNullable(addresses.get(version));
    }

    public int ready(long version) {
        Workload workload = workloads.get(version);
        return workload == null ? 0 : workload.ready();
    }

    public Optional<ModelVersion> version(String name) {
        return versions.stream().filter(mv -> mv.getMetadata().getName().equals(name)).findFirst();
    }
}
