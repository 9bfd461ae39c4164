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
 * {@value #CONTAINER}), installs the chart and Prometheus, applies the samples and shows what happens until v1 is
 * retired, or which other path the loop took and why; then the alerts Prometheus raised on the way. The cluster keeps
 * running afterwards for kubectl and Prometheus, until {@code ./mlops demo --down}.
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
        LocalNode node = LocalNode.startNamed(System.getProperty("mlops.node.image"), ProductImages.withPrometheus(), CONTAINER);
        ClusterAccess access = ClusterAccess.of(node.kubeConfigYaml(), work.resolve("kubeconfig"));
        say("installing the chart helm/mlops-operator into namespace " + TestCluster.OPERATOR_NAMESPACE);
        RestrictedNamespace.create(access.client(), TestCluster.OPERATOR_NAMESPACE);
        OperatorRelease.install(Path.of(System.getProperty("helm.binary")), RepoRoot.path().resolve("helm/mlops-operator"), access,
                TestCluster.OPERATOR_NAMESPACE, java.util.Map.of("replicas", "2"));
        say("installing Prometheus into namespace " + ClusterPrometheus.NAMESPACE + " (it scrapes the operator and every serving pod, with the alert rules)");
        ClusterPrometheus prometheus = ClusterPrometheus.install(access.client());
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
            String verdict;
            try {
                loop.awaitRetrainAndReplacement();
                verdict = "the loop is complete: drift was detected, a new version trained on fresh data replaced v1, and v1 is Retired";
            } catch (RetrainStory.LoopEnded other) {
                verdict = "the loop took another path: " + other.getMessage();
            }
            ticker.shutdownNow();
            say(loop.status() + " · clients: " + clients.summary());
            show(kubectl, access);
            showAlerts(prometheus);
            say("verdict: " + verdict);
        }
        say("the cluster keeps running. Open Prometheus (alerts, graphs) on http://localhost:9090 with:");
        say("  " + ClusterPrometheus.portForward(kubectl, access.kubeconfig()));
        say("Look around with:");
        say("  " + kubectl + " --kubeconfig " + access.kubeconfig() + " -n " + NAMESPACE + " get mlds,tj,mv,mlisvc,dp");
        say("remove it with: ./mlops demo --down");
        access.close();
    }

    private static void show(Path kubectl, ClusterAccess access) throws Exception {
        System.out.println(Commands.run(List.of(kubectl.toString(), "--kubeconfig", access.kubeconfig().toString(), "-n", NAMESPACE,
                "get", "datasets,trainingjobs,modelversions,inferenceservices,driftpolicies", "-o", "wide")));
    }

    /** The alerts Prometheus raised during the demo (pending or firing at some point), and those active now. */
    private static void showAlerts(ClusterPrometheus prometheus) {
        List<String> seen = prometheus.query("max by (alertname, alertstate, namespace) (max_over_time(ALERTS[3h]))").stream()
                .map(alert -> alert.get("alertname").asText() + " (" + alert.get("alertstate").asText() + ")").sorted().toList();
        say("alerts Prometheus raised during the demo: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
        prometheus.alerts().forEach(alert -> say("  now " + alert));
    }

    private static void say(String line) {
        System.out.printf("\033[1m[demo]\033[0m %s%n", line);
    }
}
