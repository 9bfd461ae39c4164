package dev.seed.mlops.cluster;

import dev.seed.mlops.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster the e2e suite runs on, with the operator installed by its chart: by default a node started through
 * Testcontainers K3s from {@code mlops.node.image} with the image tars of {@code mlops.image.tars} loaded, or, with
 * {@code mlops.kubeconfig}, an existing cluster that can already pull the chart's images.
 */
public final class TestCluster implements AutoCloseable {
    public static final String OPERATOR_NAMESPACE = "mlops-system";

    private final LocalNode node;
    private final ClusterAccess access;

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

    /** Installs the chart from this repository into a restricted namespace, with two replicas behind the Lease. */
    public void installOperator() throws IOException, InterruptedException {
        RestrictedNamespace.create(access.client(), OPERATOR_NAMESPACE);
        OperatorRelease.install(Path.of(System.getProperty("helm.binary")), RepoRoot.path().resolve("helm/mlops-operator"), access,
                OPERATOR_NAMESPACE, Map.of("replicas", "2"));
    }

    /** A restricted namespace with the artifact store claim, for the samples. */
    public void prepareNamespace(String namespace) {
        RestrictedNamespace.create(access.client(), namespace);
        ArtifactStore.create(access.client(), namespace);
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
