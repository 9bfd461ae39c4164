package dev.seed.mlops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.testing.KubeBinaries;
import dev.seed.mlops.testing.ToolRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The demo says its cluster keeps running after it exits and prints a kubectl command: the node it starts (named,
 * reusable, in a JVM that exits as the demo's does, with the environment ./mlops demo sets) must still answer that
 * command. Without reuse, Testcontainers' shutdown hook removes the container as the JVM exits.
 */
class DemoNodeOutlivesTheJvmIT {
    private static final String NAME = "mlops-demo-node-check";
    private static final Path KUBECONFIG = Path.of("target/demo-node-check/kubeconfig").toAbsolutePath();

    @Test
    void theNodeAnswersKubectlAfterTheJvmThatStartedItExited() throws Exception {
        KUBECONFIG.getParent().toFile().mkdirs();
        ProcessBuilder demo = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartDemoNode.class.getName(),
                System.getProperty("mlops.node.image"), NAME, KUBECONFIG.toString())).redirectErrorStream(true);
        demo.environment().putAll(Map.of("TESTCONTAINERS_REUSE_ENABLE", "true", "TESTCONTAINERS_RYUK_DISABLED", "true",
                "TESTCONTAINERS_CHECKS_DISABLE", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost"));
        Process process = demo.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();

        ToolRun nodes = ToolRun.in(null, Duration.ofMinutes(1), List.of(KubeBinaries.fromSystemProperties().kubectl().toString(),
                "--kubeconfig", KUBECONFIG.toString(), "get", "nodes"));

        assertThat(nodes.exit()).as(nodes.output()).isZero();
        assertThat(nodes.output()).containsPattern("\\s(Not)?Ready\\s");
    }

    @AfterAll
    static void removeTheNode() throws Exception {
        ToolRun.of(List.of("docker", "rm", "-f", "-v", NAME));
    }
}
