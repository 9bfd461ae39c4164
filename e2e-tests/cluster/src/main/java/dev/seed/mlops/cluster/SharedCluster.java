package dev.seed.mlops.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The one cluster every cluster suite of a test run shares: the node is started, the product images loaded, the chart
 * installed and Prometheus started once, which takes minutes; each suite works in namespaces of its own and deletes
 * them when it ends ({@link #release}), so the next one finds the node's CPU free. The node is removed when the JVM
 * exits.
 */
public final class SharedCluster {
    private static TestCluster cluster;
    private static ClusterPrometheus prometheus;

    private SharedCluster() {
    }

    /** The cluster with the operator installed, started on first use. */
    public static synchronized TestCluster get() throws IOException, InterruptedException {
        if (cluster == null) {
            TestCluster started = TestCluster.start(Path.of("target/cluster"));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-cluster-close"));
            started.installOperator();
            prometheus = ClusterPrometheus.install(started.access().client());
            cluster = started;
        }
        return cluster;
    }

    /** The Prometheus that scrapes the shared cluster and evaluates the chart's alert rules. */
    public static synchronized ClusterPrometheus prometheus() throws IOException, InterruptedException {
        get();
        return prometheus;
    }

    /** Deletes a suite's namespace and waits until it is gone, with every pod in it. */
    public static void release(String namespace) {
        if (cluster == null) {
            return;
        }
        var client = cluster.access().client();
        client.namespaces().withName(namespace).delete();
        client.namespaces().withName(namespace).waitUntilCondition(ns -> ns == null, 5, TimeUnit.MINUTES);
    }
}
