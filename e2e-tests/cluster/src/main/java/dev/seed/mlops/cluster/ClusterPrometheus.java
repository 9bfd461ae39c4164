package dev.seed.mlops.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.testing.RepoRoot;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prometheus in the cluster, built here from its Go module and run as a pod (see resources prometheus/objects.yaml):
 * it discovers the operator and the serving pods through the Kubernetes API with a ClusterRole that only reads pods,
 * evaluates config/prometheus/alerts.yaml, and answers its HTTP API through the API server's service proxy, so tests
 * need no port of their own and the demo's Prometheus outlives the demo. A pod rather than a process on the host:
 * the host cannot reach pod addresses, and a pod is what a real install runs.
 */
public final class ClusterPrometheus {
    public static final String NAMESPACE = "mlops-monitoring";
    private static final String PROXY = "/api/v1/namespaces/" + NAMESPACE + "/services/prometheus:9090/proxy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    private ClusterPrometheus(KubernetesClient client) {
        this.client = client;
    }

    /** The image tar the node imports: build-prometheus.sh --image packs it in prometheus.dir. */
    public static Path imageTar() {
        Path tar = Path.of(System.getProperty("prometheus.dir", "")).resolve("image.tar");
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException(tar + " does not exist: run e2e-tests/scripts/build-prometheus.sh --image (./mlops test does)"
                    + " and pass its directory as prometheus.dir");
        }
        return tar;
    }

    /** Installs Prometheus into {@value #NAMESPACE} with the repository's alert rules and waits until it is ready. */
    public static ClusterPrometheus install(KubernetesClient client) throws IOException {
        RestrictedNamespace.create(client, NAMESPACE);
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("prometheus-config").withNamespace(NAMESPACE).endMetadata()
                .addToData("prometheus.yml", resource("prometheus/prometheus.yml"))
                .addToData("alerts.yaml", Files.readString(RepoRoot.path().resolve("config/prometheus/alerts.yaml")))
                .build()).serverSideApply();
        String image = "mlops-prometheus:" + Path.of(System.getProperty("prometheus.dir", "")).getFileName();
        String objects = resource("prometheus/objects.yaml").replace("image: IMAGE", "image: " + image);
        for (HasMetadata object : client.load(new ByteArrayInputStream(objects.getBytes(StandardCharsets.UTF_8))).items()) {
            client.resource(object).serverSideApply();
        }
        client.apps().deployments().inNamespace(NAMESPACE).withName("prometheus").waitUntilReady(3, TimeUnit.MINUTES);
        return new ClusterPrometheus(client);
    }

    /** The alerts Prometheus holds now, pending and firing: {@code /api/v1/alerts}. */
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode alert : get("/api/v1/alerts").at("/data/alerts")) {
            alerts.add(new Alert(alert.at("/labels/alertname").asText(), alert.path("state").asText(), alert.get("labels"),
                    alert.at("/annotations/summary").asText()));
        }
        return alerts;
    }

    /** The series an instant query returns ({@code /api/v1/query}): each one's labels. */
    public List<JsonNode> query(String promql) {
        List<JsonNode> series = new ArrayList<>();
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).at("/data/result").forEach(r -> series.add(r.get("metric")));
        return series;
    }

    /** Every metric name Prometheus has scraped. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        get("/api/v1/label/__name__/values").get("data").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The command that opens this Prometheus on localhost:9090. */
    public static String portForward(Path kubectl, Path kubeconfig) {
        return kubectl + " --kubeconfig " + kubeconfig + " -n " + NAMESPACE + " port-forward svc/prometheus 9090:9090";
    }

    private JsonNode get(String path) {
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + PROXY + path;
        try {
            HttpResponse<String> response = client.getHttpClient()
                    .sendAsync(client.getHttpClient().newHttpRequestBuilder().uri(url).timeout(20, TimeUnit.SECONDS).build(), String.class)
                    .get(30, TimeUnit.SECONDS);
            JsonNode answer = JSON.readTree(response.body());
            if (response.code() != 200 || !"success".equals(answer.path("status").asText())) {
                throw new IllegalStateException("Prometheus answered " + path + " with " + response.code() + ": " + response.body());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Prometheus did not answer " + path + ": " + e, e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClusterPrometheus.class.getClassLoader().getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One alert: its name, pending or firing, its labels and its rendered summary. */
    public record Alert(String name, String state, JsonNode labels, String summary) {
        @Override
        public String toString() {
            return name + " (" + state + "): " + summary;
        }
    }
}
