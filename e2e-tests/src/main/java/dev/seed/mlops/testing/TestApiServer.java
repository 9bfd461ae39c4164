package dev.seed.mlops.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver + etcd (no nodes), started by fabric8 kube-api-test offline from binaries built here.
 * One instance serves a whole test JVM; see {@link ApiServerExtension}.
 */
public final class TestApiServer implements AutoCloseable {
    private final KubeBinaries binaries;
    private final KubeAPIServer server;
    private final Path kubeconfig;
    private final KubernetesClient client;

    private TestApiServer(KubeBinaries binaries) {
        this.binaries = binaries;
        this.server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaries.kubeApiTestDir().toString())
                .withApiServerVersion(binaries.version())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
        server.start();
        String yaml = server.getKubeConfigYaml();
        this.kubeconfig = writeKubeconfig(yaml);
        this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
    }

    public static TestApiServer start() {
        return new TestApiServer(KubeBinaries.fromSystemProperties().ensureBuilt());
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs kubectl against this server and returns what it printed; fails the test when kubectl fails. */
    public String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.kubectl().toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl " + String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException ignored) {
            // a temp file; the OS cleans up
        }
    }

    private static Path writeKubeconfig(String yaml) {
        try {
            Path file = Files.createTempFile("mlops-kubeconfig", ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
