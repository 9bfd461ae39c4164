package dev.seed.mlops.operator.inferenceservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Canary analysis from the serving pods themselves: request and error counts and the latency histogram from each
 * canary pod's /metrics, and the prediction distributions of canary and stable pods from their drift endpoint.
 * No Prometheus server is needed.
 */
public class PodCanaryMetrics implements CanaryMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final KubernetesClient client;
    private final int port;

    public PodCanaryMetrics(KubernetesClient client) {
        this(client, ServingObjects.HTTP_PORT);
    }

    /** @param port where the serving pods listen (the serving contract says 8080; tests use a free loopback port) */
    public PodCanaryMetrics(KubernetesClient client, int port) {
        this.client = client;
        this.port = port;
    }

    @Override
    public Reading measure(InferenceService isvc, long canaryVersion, long stableVersion, Counters since) throws IOException, InterruptedException {
        Collection<Pod> canaryPods = readyPods(isvc, canaryVersion);
        long requests = 0;
        long errors = 0;
        LatencyHistogram latency = new LatencyHistogram();
        for (Pod pod : canaryPods) {
            for (PrometheusText.Sample sample : PrometheusText.parse(get(pod, "/metrics"))) {
                if (sample.name().equals("mlops_inference_requests_total")) {
                    requests += (long) sample.value();
                    if (sample.labels().getOrDefault("code", "").startsWith("5")) {
                        errors += (long) sample.value();
                    }
                } else if (sample.name().equals("mlops_inference_request_duration_seconds_bucket")) {
                    latency.add(Double.parseDouble(sample.labels().get("le").replace("+Inf", "Infinity")), sample.value());
                }
            }
        }
        double drift = PredictionDistributions.psi(predictionCounts(isvc, canaryPods), predictionCounts(isvc, readyPods(isvc, stableVersion)));
        Counters now = new Counters(requests, errors);
        // A restarted canary pod starts its counters again; never report negative traffic.
        long newRequests = Math.max(0, requests - since.requests());
        long newErrors = Math.max(0, Math.min(newRequests, errors - since.errors()));
        return new Reading(new CanaryMeasurement(newRequests, newErrors, latency.quantile(0.99) * 1000, drift), now);
    }

    private long[] predictionCounts(InferenceService isvc, Collection<Pod> pods) throws IOException, InterruptedException {
        long[] sum = null;
        for (Pod pod : pods) {
            JsonNode counts = JSON.readTree(get(pod, "/v2/models/" + isvc.getSpec().getModel() + "/drift")).path("comparablePrediction").path("counts");
            if (!counts.isArray()) {
                continue;
            }
            if (sum == null) {
                sum = new long[counts.size()];
            }
            for (int i = 0; i < Math.min(sum.length, counts.size()); i++) {
                sum[i] += counts.get(i).asLong();
            }
        }
        return sum == null ? new long[0] : sum;
    }

    private String get(Pod pod, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + pod.getStatus().getPodIP() + ":" + port + path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Listed once per measurement interval; the analysis needs pod IPs, not a watch. */
    private List<Pod> readyPods(InferenceService isvc, long version) {
        return client.pods().inNamespace(isvc.getMetadata().getNamespace()).withLabels(ServingObjects.selector(isvc, version))
                .list().getItems().stream().filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                .filter(p -> p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }
}
