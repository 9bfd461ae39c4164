package dev.seed.mlops.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operator installed the way users install it: {@code helm upgrade --install} of {@code helm/mlops-operator}. */
public final class OperatorRelease {
    public static final String NAME = "mlops-operator";

    private OperatorRelease() {
    }

    /** Installs or upgrades the chart and waits until the operator's Deployment is available. */
    public static void install(Path helm, Path chart, ClusterAccess cluster, String namespace, Map<String, String> values)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "upgrade", "--install", NAME, chart.toString(),
                "--namespace", namespace, "--kubeconfig", cluster.kubeconfig().toString(), "--wait", "--timeout", "5m"));
        values.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        Commands.run(command);
    }

    public static void uninstall(Path helm, ClusterAccess cluster, String namespace) throws IOException, InterruptedException {
        Commands.run(List.of(helm.toString(), "uninstall", NAME, "--namespace", namespace,
                "--kubeconfig", cluster.kubeconfig().toString(), "--wait"));
    }
}
