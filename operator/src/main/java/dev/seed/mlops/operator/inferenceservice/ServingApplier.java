package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.DriftWindow;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.operator.common.LastApplied;
import dev.seed.mlops.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a {@link ServingPlan}'s objects with server-side apply under one field manager: each object built whole, so a
 * pass is idempotent, and applied only when it would change something ({@link LastApplied}). The HorizontalPodAutoscaler gets spec.replicas the documented way (a handover field manager keeps
 * the current count when the operator stops applying it), so the operator and the HPA never fight over it and a new
 * stable Deployment never drops to one pod.
 */
final class ServingApplier {
    static final String FIELD_MANAGER = "mlops-operator";
    static final String HANDOVER_MANAGER = "mlops-operator-hpa-handover";

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final LastApplied lastApplied;

    ServingApplier(KubernetesClient client, OperatorSettings settings, LastApplied lastApplied) {
        this.client = client;
        this.settings = settings;
        this.lastApplied = lastApplied;
    }

    /**
     * @param window      the drift window of the DriftPolicy watching the service, or null: written to the routing
     *                    ConfigMap, never into a pod template
     * @param deployments the service's Deployments by version, as the cache shows them
     * @param services    the service's Services by name, as the cache shows them
     * @param hpa         the service's HorizontalPodAutoscaler, if the cache has one
     */
    void apply(InferenceService isvc, ServingPlan plan, DriftWindow window, Map<Long, Deployment> deployments,
            Map<String, Service> services, Optional<HorizontalPodAutoscaler> hpa) {
        String ns = isvc.getMetadata().getNamespace();
        ResourceID owner = ResourceID.fromResource(isvc);
        // The ServiceAccount, then the Deployments: the API server admits no pod without its ServiceAccount, and every
        // other object can follow while the pods are scheduled and pulled (a pod retries reading its routing until its
        // Role is bound). Applied after the Role, RoleBinding, ConfigMap and PDB, a new service's pods started ~4 writes
        // later (issue 19).
        applyUnwatched(owner, RoutingObjects.serviceAccount(isvc));
        for (ServingPlan.Serve serve : plan.serve()) {
            Deployment current = deployments.get(serve.number());
            if (serve.replicas() == null && current != null && ownsReplicas(current)) {
                handOverReplicas(current);
            }
            applyWatched(owner, ServingObjects.deployment(isvc, serve.version(), serve.replicas(), settings), Optional.ofNullable(current));
        }
        applyUnwatched(owner, RoutingObjects.role(isvc));
        applyUnwatched(owner, RoutingObjects.roleBinding(isvc));
        plan.routing().ifPresent(routing -> applyUnwatched(owner, RoutingObjects.configMap(isvc, routing, window)));
        for (ServingPlan.Serve serve : plan.serve()) {
            applyService(owner, ServingObjects.versionService(isvc, serve.number()), services);
        }
        if (plan.status().getStable() != null) {
            applyService(owner, ServingObjects.trafficService(isvc, plan.status().getStable().getVersion()), services);
        }
        applyUnwatched(owner, ServingObjects.disruptionBudget(isvc));
        if (plan.autoscaler()) {
            applyWatched(owner, ServingObjects.autoscaler(isvc, plan.status().getStable().getVersion()), hpa);
        } else if (hpa.isPresent()) {
            client.resource(hpa.get()).delete();
        }
        for (long version : plan.delete()) {
            String name = ServingObjects.deploymentName(isvc, version);
            client.apps().deployments().inNamespace(ns).withName(name).delete();
            client.services().inNamespace(ns).withName(name).delete();
        }
        for (long version : plan.scaleToZero()) {
            client.apps().deployments().inNamespace(ns).withName(ServingObjects.deploymentName(isvc, version)).scale(0);
        }
    }

    /** Whether the operator's apply still owns spec.replicas, which it must give up without resetting it. */
    static boolean ownsReplicas(Deployment deployment) {
        return deployment.getMetadata().getManagedFields().stream()
                .filter(f -> FIELD_MANAGER.equals(f.getManager()) && "Apply".equals(f.getOperation()))
                .map(ManagedFieldsEntry::getFieldsV1).filter(Objects::nonNull)
                .anyMatch(fields -> fields.getAdditionalProperties().get("f:spec") instanceof Map<?, ?> spec && spec.containsKey("f:replicas"));
    }

    private void handOverReplicas(Deployment current) {
        Deployment replicasOnly = new DeploymentBuilder()
                .withNewMetadata().withName(current.getMetadata().getName()).withNamespace(current.getMetadata().getNamespace()).endMetadata()
                .withNewSpec().withReplicas(current.getSpec().getReplicas()).endSpec()
                .build();
        client.resource(replicasOnly).fieldManager(HANDOVER_MANAGER).forceConflicts().serverSideApply();
    }

    /** The service is deleted: forget what was applied for it. */
    void forget(ResourceID owner) {
        lastApplied.forget(owner);
    }

    private void applyService(ResourceID owner, Service desired, Map<String, Service> services) {
        applyWatched(owner, desired, Optional.ofNullable(services.get(desired.getMetadata().getName())));
    }

    private void applyWatched(ResourceID owner, HasMetadata desired, Optional<? extends HasMetadata> cached) {
        if (!lastApplied.matchesCache(owner, desired, cached)) {
            lastApplied.applied(owner, desired, apply(desired));
        }
    }

    private void applyUnwatched(ResourceID owner, HasMetadata desired) {
        if (!lastApplied.appliedRecently(owner, desired)) {
            lastApplied.applied(owner, desired, apply(desired));
        }
    }

    private HasMetadata apply(HasMetadata object) {
        return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
}
