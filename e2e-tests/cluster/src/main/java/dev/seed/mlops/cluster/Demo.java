package dev.seed.mlops.cluster;

import dev.seed.mlops.testing.KubeBinaries;
import dev.seed.mlops.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code ./mlops demo}: the closed loop on a local single-node cluster, narrated. Starts the node (container
 * {@value #CONTAINER}), installs the chart and Prometheus, applies the samples and shows what happens until v1 is
 * retired, or which other path the loop took and why; then concept drift in a namespace of its own ({@link QualityLoop}):
 * labels come back, the rule behind them changes, the quality breach retrains; then the alerts Prometheus raised on
 * the way. The cluster keeps running afterwards for kubectl and Prometheus, until {@code ./mlops demo --down}.
 */
public final class Demo {
    public static final String CONTAINER = "mlops-demo";
    private static final String NAMESPACE = "mlops-demo";
    private static final String QUALITY_NAMESPACE = "mlops-demo-quality";
    private static final String S3_PID = "weed.pid";

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
        ArtifactStore store = onS3() ? startS3(work, node) : ClaimStore.INSTANCE;
        say("installing the chart helm/mlops-operator into namespace " + TestCluster.OPERATOR_NAMESPACE + ", its artifact store "
                + store.describe());
        RestrictedNamespace.create(access.client(), TestCluster.OPERATOR_NAMESPACE);
        Map<String, String> values = new HashMap<>(store.chartValues());
        values.put("replicas", "2");
        OperatorRelease.install(Path.of(System.getProperty("helm.binary")), RepoRoot.path().resolve("helm/mlops-operator"), access,
                TestCluster.OPERATOR_NAMESPACE, values);
        say("installing Prometheus into namespace " + ClusterPrometheus.NAMESPACE + " (it scrapes the operator and every serving pod, with the alert rules)");
        ClusterPrometheus prometheus = ClusterPrometheus.install(access.client());
        RestrictedNamespace.create(access.client(), NAMESPACE);
        store.prepare(access.client(), NAMESPACE);

        ClosedLoop loop = new ClosedLoop(access.client(), NAMESPACE, store, Demo::say);
        loop.prepareData();
        loop.trainFirstVersion();
        loop.serve();
        show(kubectl, access, NAMESPACE);
        String verdict;
        try (LoadGenerator clients = loop.startClients()) {
            ScheduledExecutorService ticker = ticker(() -> loop.status() + " · clients: " + clients.summary());
            String[] exchange = clients.exchangeOnce();
            say("a request:  " + exchange[0]);
            say("the answer: " + exchange[1]);
            loop.watchForDrift();
            loop.shiftCustomers(clients);
            try {
                loop.awaitRetrainAndReplacement();
                verdict = "the loop is complete: drift was detected, a new version trained on fresh data replaced v1, and v1 is Retired";
            } catch (RetrainStory.LoopEnded other) {
                verdict = "the loop took another path: " + other.getMessage();
            }
            ticker.shutdownNow();
            say(loop.status() + " · clients: " + clients.summary());
            show(kubectl, access, NAMESPACE);
        }
        // The quality loop reads the prediction log, which serving pods write only to a pvc:// store so far.
        String quality = store instanceof S3ArtifactStore ? "not run on s3://: the prediction log it needs is written only to a pvc:// store"
                + " so far; ./mlops demo without --store s3 runs it" : conceptDrift(kubectl, access, store);
        showAlerts(prometheus);
        say("verdict on drift: " + verdict);
        say("verdict on concept drift: " + quality);
        say("the cluster keeps running. Open Prometheus (alerts, graphs) on http://localhost:9090 with:");
        say("  " + ClusterPrometheus.portForward(kubectl, access.kubeconfig()));
        say("Look around with:");
        say("  " + kubectl + " --kubeconfig " + access.kubeconfig() + " -n " + NAMESPACE + " get mlds,tj,mv,mlisvc,dp");
        if (store instanceof S3ArtifactStore) {
            say("remove it with: ./mlops demo --down (it stops SeaweedFS too)");
            access.close();
            return;
        }
        say("  " + kubectl + " --kubeconfig " + access.kubeconfig() + " -n " + QUALITY_NAMESPACE + " get mlds,tj,mv,mlisvc,dp");
        say("the realised quality per version over time, as the quality Jobs judged it on the labels that came back:");
        say("  " + kubectl + " --kubeconfig " + access.kubeconfig() + " -n " + QUALITY_NAMESPACE + " get dp " + ClosedLoop.POLICY
                + " -o jsonpath='{range .status.quality.history[*]}{.time} v{.version} auc {.value} on {.labelled} labels: {.verdict}{\"\\n\"}{end}'");
        say("why v1 was retired (the quality breach, naming the metric and its value):");
        say("  " + kubectl + " --kubeconfig " + access.kubeconfig() + " -n " + QUALITY_NAMESPACE + " get mv credit-risk-v1 -o jsonpath='{.status.reason}'");
        say("remove it with: ./mlops demo --down");
        access.close();
    }

    /**
     * Concept drift, in namespace {@value #QUALITY_NAMESPACE}: a fresh v1 serves with its predictions logged, clients
     * report labels, the label rule changes while the customers do not, and the quality breach retrains.
     *
     * @return the verdict
     */
    private static String conceptDrift(Path kubectl, ClusterAccess access, ArtifactStore store) throws Exception {
        say("next, concept drift, in namespace " + QUALITY_NAMESPACE + ": the customers stay the same but the rule for who defaults"
                + " changes; no input drifts, only the labels that clients send back can tell");
        RestrictedNamespace.create(access.client(), QUALITY_NAMESPACE);
        store.prepare(access.client(), QUALITY_NAMESPACE);
        QualityLoop story = new QualityLoop(access.client(), QUALITY_NAMESPACE, store, Demo::say);
        story.serveWithPredictionLog();
        story.watchQuality();
        try (LoadGenerator clients = story.startClients()) {
            ScheduledExecutorService ticker = ticker(() -> story.status() + " · clients: " + clients.summary());
            String verdict;
            try {
                story.awaitJudged(1);
                story.shiftConcept(clients);
                story.awaitRetrainAndReplacement();
                story.awaitJudged(2);
                verdict = "the quality loop is complete: labels revealed the concept change that no drift check could see,"
                        + " a version trained on the new rule replaced v1, and its own quality on live labels is judged";
            } catch (RetrainStory.LoopEnded other) {
                verdict = "the quality loop took another path: " + other.getMessage();
            }
            ticker.shutdownNow();
            say(story.status() + " · clients: " + clients.summary());
            show(kubectl, access, QUALITY_NAMESPACE);
            return verdict;
        }
    }

    /** {@code ./mlops demo --store s3} sets {@code mlops.store=s3}. */
    private static boolean onS3() {
        String store = System.getProperty("mlops.store", "pvc");
        if (!store.equals("pvc") && !store.equals("s3")) {
            throw new IllegalArgumentException("mlops.store is pvc or s3, not '" + store + "'");
        }
        return store.equals("s3");
    }

    /**
     * SeaweedFS as the cluster suite runs it ({@link S3ArtifactStore}), left running after this JVM for the cluster that
     * outlives it; its pid is in {@value #S3_PID}, which {@code ./mlops demo --down} stops.
     */
    private static ArtifactStore startS3(Path work, LocalNode node) throws IOException {
        S3ArtifactStore s3 = S3ArtifactStore.start(work.resolve("s3"), node.hostAddress());
        Files.writeString(work.resolve(S3_PID), Long.toString(s3.pid()));
        say("SeaweedFS serves the artifact store " + s3.describe() + " (log: " + work.resolve("s3/weed.log") + ")");
        return s3;
    }

    /** Says where things stand every 15 seconds, until shut down. */
    private static ScheduledExecutorService ticker(Supplier<String> line) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-status");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> say("  " + line.get()), 15, 15, TimeUnit.SECONDS);
        return ticker;
    }

    private static void show(Path kubectl, ClusterAccess access, String namespace) throws Exception {
        System.out.println(Commands.run(List.of(kubectl.toString(), "--kubeconfig", access.kubeconfig().toString(), "-n", namespace,
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
