package dev.seed.mlops.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A client of a cluster and the kubeconfig file that helm and kubectl use for the same cluster. */
public record ClusterAccess(KubernetesClient client, Path kubeconfig) implements AutoCloseable {

    /** Writes {@code kubeconfigYaml} to {@code file} (owner-only: it holds the admin's key) and connects with it. */
    public static ClusterAccess of(String kubeconfigYaml, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, kubeconfigYaml);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return new ClusterAccess(new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build(), file);
    }

    @Override
    public void close() {
        client.close();
    }
}
