package dev.seed.mlops.cluster;

import dev.seed.mlops.testing.RepoRoot;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The cluster the e2e suite runs on, with the operator installed by its chart: by default a node started through
 * Testcontainers K3s from {@code mlops.node.image} with the image tars of {@code mlops.image.tars} loaded, or, with
 * {@code mlops.kubeconfig}, an existing cluster that can already pull the chart's images.
 */
public final class TestCluster implements AutoCloseable {
    public static final String OPERATOR_NAMESPACE = "mlops-system";

    private final LocalNode node;
    private final ClusterAccess access;
    private ArtifactStore store;

    private TestCluster(LocalNode node, ClusterAccess access) {
        this.node = node;
        this.access = access;
    }

    public static TestCluster start(Path workDir) throws IOException, InterruptedException {
        String kubeconfig = System.getProperty("mlops.kubeconfig", "");
        if (!kubeconfig.isBlank()) {
            return new TestCluster(null, ClusterAccess.of(Files.readString(Path.of(kubeconfig)), workDir.resolve("kubeconfig")));
        }
        String image = System.getProperty("mlops.node.image", "");
        if (image.isBlank()) {
            throw new IllegalStateException("set mlops.node.image (e2e-tests/scripts/build-node-image.sh prints it; ./mlops test does) "
                    + "or mlops.kubeconfig");
        }
        LocalNode node = LocalNode.start(image, ProductImages.withPrometheus());
        return new TestCluster(node, ClusterAccess.of(node.kubeConfigYaml(), workDir.resolve("kubeconfig")));
    }

    public ClusterAccess access() {
        return access;
    }

    /**
     * Installs the chart from this repository into a restricted namespace, with two replicas behind the Lease and its
     * artifact store on {@code store}; when it is installed already on another store, upgrades it to this one and waits
     * until no operator of the old release runs, so that nothing the caller applies next is handled with the old store.
     */
    public void installOperator(ArtifactStore store) throws IOException, InterruptedException {
        if (store == this.store) {
            return;
        }
        RestrictedNamespace.create(access.client(), OPERATOR_NAMESPACE);
        Map<String, String> values = new HashMap<>(store.chartValues());
        values.put("replicas", "2");
        OperatorRelease.install(Path.of(System.getProperty("helm.binary")), RepoRoot.path().resolve("helm/mlops-operator"), access,
                OPERATOR_NAMESPACE, values);
        String uri = values.get("artifactStore.uri");
        Awaitility.await("every operator pod on " + uri + ", one of them holding the Lease").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    List<Pod> pods = access.client().pods().inNamespace(OPERATOR_NAMESPACE)
                            .withLabel("app.kubernetes.io/name", OperatorRelease.NAME).list().getItems();
                    Set<String> names = pods.stream().map(pod -> pod.getMetadata().getName()).collect(Collectors.toSet());
                    return pods.stream().allMatch(pod -> pod.getSpec().getContainers().get(0).getEnv().stream()
                            .anyMatch(env -> env.getName().equals("MLOPS_ARTIFACT_STORE") && uri.equals(env.getValue())))
                            && access.client().leases().inNamespace(OPERATOR_NAMESPACE).list().getItems().stream()
                                    .anyMatch(lease -> names.contains(lease.getSpec().getHolderIdentity()));
                });
        this.store = store;
    }

    /** The store the operator is installed with. */
    public ArtifactStore store() {
        return store;
    }

    /** A restricted namespace with what the samples need of the operator's artifact store (the claim, or the Secret). */
    public void prepareNamespace(String namespace) {
        RestrictedNamespace.create(access.client(), namespace);
        store.prepare(access.client(), namespace);
    }

    /**
     * This host's address as the node's pods reach it: the node's Docker network gateway, or on an existing cluster
     * ({@code mlops.kubeconfig}) the address in {@code mlops.host.address}.
     */
    public String hostAddress() {
        if (node != null) {
            return node.hostAddress();
        }
        String address = System.getProperty("mlops.host.address", "");
        if (address.isBlank()) {
            throw new IllegalStateException("on a cluster given by mlops.kubeconfig, set mlops.host.address to an address of this host"
                    + " its pods can reach (the S3 server of the loop on S3 is bound to it)");
        }
        return address;
    }

    public String nodeLogs() {
        return node == null ? "" : node.logs();
    }

    @Override
    public void close() {
        access.close();
        if (node != null) {
            node.close();
        }
    }
}
