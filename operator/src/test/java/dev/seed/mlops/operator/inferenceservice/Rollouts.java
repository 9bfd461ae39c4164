package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.Approval;
import dev.seed.mlops.api.v1alpha1.ApprovalDecision;
import dev.seed.mlops.api.v1alpha1.Autoscaling;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceSpec;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.ModelVersionSpec;
import dev.seed.mlops.api.v1alpha1.ModelVersionStatus;
import dev.seed.mlops.operator.common.Measurements.Measured;
import dev.seed.mlops.operator.common.ObservedJob;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** InferenceServices, ModelVersions and observations for planner tests and the scenario simulator: no Kubernetes. */
final class Rollouts {
    static final String MODEL = "credit-risk";

    private Rollouts() {
    }

    static InferenceService service(int replicas, CanaryStep... steps) {
        InferenceService isvc = new InferenceService();
        isvc.setMetadata(new ObjectMetaBuilder().withName("scoring").withNamespace("ml").withGeneration(1L).withUid("uid-scoring").build());
        InferenceServiceSpec spec = new InferenceServiceSpec();
        spec.setModel(MODEL);
        spec.setReplicas(replicas);
        spec.getCanary().setSteps(new ArrayList<>(List.of(steps)));
        isvc.setSpec(spec);
        return isvc;
    }

    static InferenceService autoscaled(int min, int max, CanaryStep... steps) {
        InferenceService isvc = service(1, steps);
        isvc.getSpec().setReplicas(null);
        Autoscaling autoscaling = new Autoscaling();
        autoscaling.setMinReplicas(min);
        autoscaling.setMaxReplicas(max);
        autoscaling.setTargetCPUUtilization(70);
        isvc.getSpec().setAutoscaling(autoscaling);
        return isvc;
    }

    static ModelVersion validated(long version) {
        ModelVersion mv = new ModelVersion();
        mv.setMetadata(new ObjectMetaBuilder().withName(MODEL + "-v" + version).withNamespace("ml").build());
        ModelVersionSpec spec = new ModelVersionSpec();
        spec.setModel(MODEL);
        spec.setVersion(version);
        mv.setSpec(spec);
        ModelVersionStatus status = new ModelVersionStatus();
        status.setStage(ModelStage.Validated);
        Approval approval = new Approval();
        approval.setDecision(ApprovalDecision.Validated);
        approval.setReason("passed its gates");
        status.setApproval(approval);
        mv.setStatus(status);
        return mv;
    }

    static CanaryStep shadowStep(int shadow, String pause) {
        CanaryStep step = new CanaryStep();
        step.setShadow(shadow);
        step.setPause(pause);
        return step;
    }

    static CanaryStep step(int weight, String pause) {
        CanaryStep step = new CanaryStep();
        step.setWeight(weight);
        step.setPause(pause);
        return step;
    }

    /** A cluster as the planner sees it: versions, Deployments, the latest canary measurement. */
    static final class World {
        final List<ModelVersion> versions = new ArrayList<>();
        final Map<Long, Workload> workloads = new HashMap<>();
        final Map<Long, String> addresses = new HashMap<>();
        Optional<Measured<CanaryKey, CanaryReading>> measurement = Optional.empty();
        boolean measuring;
        final Map<String, ObservedJob> qualityJobs = new HashMap<>();
        Optional<dev.seed.mlops.api.v1alpha1.DriftPolicy> policy = Optional.empty();

        World version(long... numbers) {
            for (long n : numbers) {
                versions.add(validated(n));
            }
            return this;
        }

        /** A version's Deployment, with its Service's address. */
        World deployment(long version, Integer replicas, int ready) {
            workloads.put(version, new Workload(version, replicas, ready));
            addresses.put(version, address(version));
            return this;
        }

        World withoutAddress(long version) {
            addresses.remove(version);
            return this;
        }

        static String address(long version) {
            return "10.43.0." + version + ":80";
        }

        World qualityJob(ObservedJob job) {
            qualityJobs.put(job.name(), job);
            return this;
        }

        World measured(CanaryKey key, CanaryReading reading) {
            measurement = Optional.of(new Measured<>(key, reading.from(), reading.to(), Optional.of(reading), Optional.empty()));
            return this;
        }

        World failedMeasurement(CanaryKey key, Instant started, Instant finished, String error) {
            measurement = Optional.of(new Measured<>(key, started, finished, Optional.empty(), Optional.of(error)));
            return this;
        }

        ServingObservation observation() {
            return new ServingObservation(List.copyOf(versions), Map.copyOf(workloads), Map.copyOf(addresses), policy, measurement, measuring,
                    Map.copyOf(qualityJobs));
        }

        /** The cluster does what the plan asks, with every pod ready at once. */
        World settle(ServingPlan plan) {
            plan.serve().forEach(s -> {
                int replicas = s.replicas() == null ? Optional.ofNullable(workloads.get(s.number())).map(Workload::replicas).orElse(1) : s.replicas();
                workloads.put(s.number(), new Workload(s.number(), replicas, replicas));
                addresses.put(s.number(), address(s.number()));
            });
            plan.delete().forEach(v -> {
                workloads.remove(v);
                addresses.remove(v);
            });
            plan.scaleToZero().forEach(v -> workloads.put(v, new Workload(v, 0, 0)));
            return this;
        }
    }
}
