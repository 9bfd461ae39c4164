package dev.seed.mlops.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a node exactly as the demo does (named, reusable) in a JVM of its own, writes its kubeconfig and exits:
 * {@link DemoNodeOutlivesTheJvmIT} then checks that the node still answers kubectl.
 * Arguments: node image, container name, kubeconfig file.
 */
public final class StartDemoNode {
    private StartDemoNode() {
    }

    public static void main(String[] args) throws Exception {
        LocalNode node = LocalNode.startNamed(args[0], List.of(), args[1]);
        Files.writeString(Path.of(args[2]), node.kubeConfigYaml());
        System.exit(0);
    }
}
