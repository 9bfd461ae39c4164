package dev.seed.mlops.cluster;

import dev.seed.mlops.testing.KubeBinaries;
import dev.seed.mlops.testing.RepoRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./mlops demo}: the closed loop on a local single-node cluster, narrated. Starts the node (container
 * {@value #CONTAINER}), installs the chart, applies the samples and shows what happens until v1 is retired; the
 * cluster keeps running afterwards for kubectl, until {@code ./mlops demo --down}.
 */
public final class Demo {
    public static final String CONTAINER = "mlops-demo";
    private static final String NAMESPACE = "mlops-demo";

    private Demo() {
    }

    /** Exits when done: Testcontainers' Docker client keeps non-daemon threads that would hold the JVM open. */
    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Exception | AssertionError e) {
            say("the demo stopped: " + e);
            say("the cluster is left as it was for a look (kubeconfig under ~/.cache/mlops-operator/demo/); ./mlops demo --down removes it");
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path work = Path.of(System.getProperty("mlops.cache", System.getProperty("user.home") + "/.cache/mlops-operator"), "demo");
        Path kubectl = KubeBinaries.fromSystemProperties().kubectl();
        say("starting a single-node cluster (container " + CONTAINER + ") with the operator, trainer and inference-server images");
        LocalNode node = LocalNode.startNamed(System.getProperty("mlops.node.image"), ProductImages.fromSystemProperty().tars(), CONTAINER);
        ClusterAccess access = ClusterAccess.of(node.kubeConfigYaml(), work.resolve("kubeconfig"));
        say("installing the chart helm/mlops-operator into namespace " + TestCluster.OPERATOR_NAMESPACE);
        RestrictedNamespace.create(access.client(), TestCluster.OPERATOR_NAMESPACE);
        OperatorRelease.install(Path.of(System.getProperty("helm.binary")), RepoRoot.path().resolve("helm/mlops-operator"), access,
                TestCluster.OPERATOR_NAMESPACE, java.util.Map.of("replicas", "2"));
        RestrictedNamespace.create(access.client(), NAMESPACE);
        ArtifactStore.create(access.client(), NAMESPACE);

        ClosedLoop loop = new ClosedLoop(access.client(), NAMESPACE, ProductImages.TRAINER, Demo::say);
        loop.prepareData();
        loop.trainFirstVersion();
        loop.serve();
        show(kubectl, access);
        try (LoadGenerator clients = loop.startClients()) {
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "demo-status");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(() -> say("  " + loop.status() + " · clients: " + clients.summary()), 15, 15, TimeUnit.SECONDS);
            String[] exchange = clients.exchangeOnce();
            say("a request:  " + exchange[0]);
            say("the answer: " + exchange[1]);
            loop.watchForDrift();
            loop.shiftCustomers(clients);
            loop.awaitRetrainAndReplacement();
            ticker.shutdownNow();
            say("the loop is complete: " + loop.status() + " · clients: " + clients.summary());
        }
        show(kubectl, access);
        say("the cluster keeps running. Look around with:");
        say("  " + kubectl + " --kubeconfig " + access.kubeconfig() + " -n " + NAMESPACE + " get mlds,tj,mv,mlisvc,dp");
        say("remove it with: ./mlops demo --down");
        access.close();
    }

    private static void show(Path kubectl, ClusterAccess access) throws Exception {
        System.out.println(Commands.run(List.of(kubectl.toString(), "--kubeconfig", access.kubeconfig().toString(), "-n", NAMESPACE,
                "get", "datasets,trainingjobs,modelversions,inferenceservices,driftpolicies", "-o", "wide")));
    }

    private static void say(String line) {
        System.out.printf("\033[1m[demo]\033[0m %s%n", line);
    }
}
