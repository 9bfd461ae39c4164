package dev.seed.mlops.operator.inferenceservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftWindow;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Owners;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the serving pods learn where requests go: the routing ConfigMap the operator writes, and the ServiceAccount and
 * Role that let the service's pods read that one ConfigMap and nothing else. No endpoint of a serving pod accepts
 * routing, so only who may write the ConfigMap (the operator) can change it; the pods watch it through the API server,
 * read it at start (it survives their restarts) and apply a change within seconds (docs/routing.md).
 */
public final class RoutingObjects {
    static final String KEY = "routing.json";
    /** The drift window of the DriftPolicy watching the service, which the pods apply live (docs/routing.md). */
    static final String DRIFT_KEY = "drift.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingObjects() {
    }

    public static String configMapName(InferenceService isvc) {
        return isvc.getMetadata().getName() + "-routing";
    }

    public static String serviceAccountName(InferenceService isvc) {
        return isvc.getMetadata().getName() + "-serving";
    }

    /**
     * @param window the DriftPolicy's window, or null (no policy, or one that leaves the window to the server): then
     *               the ConfigMap has no drift.json and the pods use their own window
     */
    public static ConfigMap configMap(InferenceService isvc, Routing routing, DriftWindow window) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(KEY, document(routing));
        driftDocument(window).ifPresent(drift -> data.put(DRIFT_KEY, drift));
        return new ConfigMapBuilder().withMetadata(metadata(isvc, configMapName(isvc))).withData(data).build();
    }

    /** {@code {"window":{"rows":5000}}} or {@code {"window":{"duration":"PT1H30M"}}}, or nothing to say. */
    static Optional<String> driftDocument(DriftWindow window) {
        if (window == null || window.getCount() == null && window.getDuration() == null) {
            return Optional.empty();
        }
        Map<String, Object> size = window.getCount() != null ? Map.<String, Object>of("rows", window.getCount())
                : Map.<String, Object>of("duration", Durations.parse(window.getDuration()).toString());
        return Optional.of(json(Map.<String, Object>of("window", size)));
    }

    /** The routing document of the serving contract (docs/routing.md). */
    static String document(Routing routing) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> stable = new LinkedHashMap<>();
        stable.put("version", routing.stableVersion());
        stable.put("address", routing.stableAddress());
        stable.put("grpcAddress", ServingObjects.grpcAddress(routing.stableAddress()));
        doc.put("stable", stable);
        routing.canary().ifPresent(route -> {
            Map<String, Object> canary = new LinkedHashMap<>();
            canary.put("version", route.version());
            canary.put("address", route.address());
            canary.put("grpcAddress", ServingObjects.grpcAddress(route.address()));
            canary.put("weight", route.weight());
            canary.put("shadow", route.shadow());
            doc.put("canary", canary);
        });
        doc.put("agreementTolerance", routing.agreementTolerance());
        return json(doc);
    }

    private static String json(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServiceAccount serviceAccount(InferenceService isvc) {
        return new ServiceAccountBuilder().withMetadata(metadata(isvc, serviceAccountName(isvc))).build();
    }

    /** Read access to the service's routing ConfigMap only (a watch of one object is authorised by its name). */
    public static Role role(InferenceService isvc) {
        return new RoleBuilder().withMetadata(metadata(isvc, serviceAccountName(isvc)))
                .addNewRule().withApiGroups("").withResources("configmaps").withResourceNames(configMapName(isvc))
                    .withVerbs("get", "list", "watch").endRule()
                .build();
    }

    public static RoleBinding roleBinding(InferenceService isvc) {
        return new RoleBindingBuilder().withMetadata(metadata(isvc, serviceAccountName(isvc)))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", serviceAccountName(isvc))
                .addNewSubject().withKind("ServiceAccount").withName(serviceAccountName(isvc)).withNamespace(isvc.getMetadata().getNamespace()).endSubject()
                .build();
    }

    private static ObjectMeta metadata(InferenceService isvc, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(isvc.getMetadata().getNamespace())
                .withLabels(ServingObjects.serviceLabels(isvc)).withOwnerReferences(Owners.controller(isvc)).build();
    }
}
