package dev.seed.mlops.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The one cluster every cluster suite of a test run shares: the node is started, the product images loaded, the chart
 * installed and Prometheus started once, which takes minutes; each suite works in namespaces of its own and deletes
 * them when it ends ({@link #release}), so the next one finds the node's CPU free. The node is removed when the JVM
 * exits. The operator's artifact store is the claim unless a suite asks for S3 ({@link #onS3}); the chart is upgraded
 * when the next suite asks for the other store (suites run one after the other).
 */
public final class SharedCluster {
    private static final Path WORK = Path.of("target/cluster");
    private static TestCluster cluster;
    private static ClusterPrometheus prometheus;
    private static S3ArtifactStore s3;

    private SharedCluster() {
    }

    /** The cluster with the operator installed on the claim, started on first use. */
    public static synchronized TestCluster get() throws IOException, InterruptedException {
        return get(ClaimStore.INSTANCE);
    }

    /** The cluster with the operator's artifact store on SeaweedFS, started on this host where the node reaches it. */
    public static synchronized TestCluster onS3() throws IOException, InterruptedException {
        TestCluster started = get(ClaimStore.INSTANCE);
        if (s3 == null) {
            s3 = S3ArtifactStore.start(Files.createTempDirectory(Files.createDirectories(WORK), "s3-"), started.hostAddress());
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "shared-s3-close"));
        }
        return get(s3);
    }

    private static TestCluster get(ArtifactStore store) throws IOException, InterruptedException {
        if (cluster == null) {
            TestCluster started = TestCluster.start(WORK);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-cluster-close"));
            started.installOperator(ClaimStore.INSTANCE);
            prometheus = ClusterPrometheus.install(started.access().client());
            cluster = started;
        }
        cluster.installOperator(store);
        return cluster;
    }

    /** The Prometheus that scrapes the shared cluster and evaluates the chart's alert rules. */
    public static synchronized ClusterPrometheus prometheus() throws IOException, InterruptedException {
        if (cluster == null) {
            get();
        }
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
