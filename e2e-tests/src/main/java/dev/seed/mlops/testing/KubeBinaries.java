package dev.seed.mlops.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Kubernetes binaries built from the Go module proxy by {@code e2e-tests/scripts/build-k8s.sh}.
 * When they are missing the script is run (it prints its progress), so a test started from an IDE works too.
 */
public final class KubeBinaries {
    private static final List<String> CONTROL_PLANE = List.of("etcd", "kube-apiserver", "kubectl");

    private final String version;
    private final Path cacheRoot;
    private final Path repoRoot;

    public KubeBinaries(String version, Path cacheRoot, Path repoRoot) {
        this.version = version;
        this.cacheRoot = cacheRoot;
        this.repoRoot = repoRoot;
    }

    public static KubeBinaries fromSystemProperties() {
        return new KubeBinaries(
                System.getProperty("k8s.version", "1.34.4"),
                Path.of(System.getProperty("mlops.cache", System.getProperty("user.home") + "/.cache/mlops-operator")),
                RepoRoot.path());
    }

    public String version() {
        return version;
    }

    /** The directory kube-api-test is pointed at: it looks for k8s/&lt;version&gt;-linux-amd64/ below it. */
    public Path kubeApiTestDir() {
        return cacheRoot.resolve("kube-api-test");
    }

    public Path kubectl() {
        return kubeApiTestDir().resolve("k8s").resolve(version + "-linux-amd64").resolve("kubectl");
    }

    /** Builds the binaries unless they are all there already. */
    public KubeBinaries ensureBuilt() {
        Path dir = kubectl().getParent();
        if (CONTROL_PLANE.stream().allMatch(b -> Files.isExecutable(dir.resolve(b)))) {
            return this;
        }
        Path script = repoRoot.resolve("e2e-tests/scripts/build-k8s.sh");
        ProcessBuilder build = new ProcessBuilder("bash", script.toString()).inheritIO();
        build.environment().put("K8S_VERSION", version);
        build.environment().put("MLOPS_CACHE", cacheRoot.toString());
        try {
            int exit = build.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(script + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building Kubernetes binaries", e);
        }
        return this;
    }
}
