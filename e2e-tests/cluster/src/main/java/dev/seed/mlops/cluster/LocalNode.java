package dev.seed.mlops.cluster;

import com.github.dockerjava.api.model.ContainerNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.BindMode;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node cluster through Testcontainers' K3s module, on the node image built here
 * ({@code e2e-tests/scripts/build-node-image.sh}) or on a real {@code rancher/k3s} where a registry is reachable.
 * No registry is reachable here, so the product images come as tar files, mounted where the node image imports
 * them into containerd before its kubelet starts; its default StorageClass provisions the artifact store.
 */
public final class LocalNode implements AutoCloseable {
    /** Where K3s, and the node image built here, import image tars from before the kubelet starts. */
    public static final String IMAGES_DIR = "/var/lib/rancher/k3s/agent/images";

    private final K3sContainer container;

    private LocalNode(K3sContainer container) {
        this.container = container;
    }

    public static LocalNode start(String image, List<Path> imageTars) {
        return start(new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s")), imageTars);
    }

    /**
     * A node that outlives this JVM under a fixed container name, for the demo; {@code docker rm -f -v NAME} removes it.
     * Marked reusable (with TESTCONTAINERS_REUSE_ENABLE=true, as ./mlops demo sets it), because without Ryuk
     * Testcontainers removes every container of its session when the JVM exits; a reusable one is not of the session.
     */
    public static LocalNode startNamed(String image, List<Path> imageTars, String name) {
        K3sContainer container = new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"));
        container.withCreateContainerCmdModifier(cmd -> cmd.withName(name));
        container.withReuse(true);
        return start(container, imageTars);
    }

    private static LocalNode start(K3sContainer container, List<Path> imageTars) {
        container.withCreateContainerCmdModifier(NodePrivileges::adapt);
        for (int i = 0; i < imageTars.size(); i++) {
            Path tar = imageTars.get(i).toAbsolutePath();
            // Numbered: the tars share a file name (each module's target/jib-image.tar).
            container.withFileSystemBind(tar.toString(), IMAGES_DIR + "/" + i + "-" + tar.getFileName(), BindMode.READ_ONLY);
        }
        container.withStartupTimeout(Duration.ofMinutes(5));
        container.start();
        return new LocalNode(container);
    }

    /** The admin kubeconfig, pointing at the API server's port mapped to this host. */
    public String kubeConfigYaml() {
        return container.getKubeConfigYaml();
    }

    /**
     * This host's address on the node's Docker network (its gateway): what the node, and through the pod network's
     * masquerade its pods, reach this host at.
     */
    public String hostAddress() {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                .map(ContainerNetwork::getGateway).filter(gateway -> gateway != null && !gateway.isBlank()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the node's container has no network with a gateway"));
    }

    /** What the node printed: its components' failures and readiness. */
    public String logs() {
        return container.getLogs();
    }

    @Override
    public void close() {
        container.stop();
    }
}
