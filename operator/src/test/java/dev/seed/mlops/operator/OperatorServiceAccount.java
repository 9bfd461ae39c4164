package dev.seed.mlops.operator;

import dev.seed.mlops.testing.RepoRoot;
import dev.seed.mlops.operator.common.ApiClientPolicy;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * A client that acts as the operator's ServiceAccount, bound to exactly the rules the Helm chart grants
 * (helm/mlops-operator/files/operator-rules.yaml). Every API-server test of the operator so proves the chart's RBAC
 * is enough; a missing verb fails them with 403.
 */
final class OperatorServiceAccount {
    static final String NAME = "mlops-operator";

    private OperatorServiceAccount() {
    }

    static KubernetesClient clientFor(KubernetesClient admin, String namespace, ApiRequests requests) {
        admin.serviceAccounts().inNamespace(namespace)
                .resource(new ServiceAccountBuilder().withNewMetadata().withName(NAME).endMetadata().build()).serverSideApply();
        String role = NAME + "-" + namespace;
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(role).endMetadata()
                .withRules(chartRules()).build()).serverSideApply();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(namespace).endSubject()
                .build()).serverSideApply();
        // As the operator's client is configured in production (OperatorClientConfig).
        return new KubernetesClientBuilder().withConfig(ApiClientPolicy.apply(new ConfigBuilder(admin.getConfiguration())
                .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + NAME)
                .build()))
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("requests", requests))
                .build();
    }

    static List<PolicyRule> chartRules() {
        try {
            String yaml = Files.readString(RepoRoot.path().resolve("helm/mlops-operator/files/operator-rules.yaml"));
            return Arrays.asList(Serialization.unmarshal(yaml, PolicyRule[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
