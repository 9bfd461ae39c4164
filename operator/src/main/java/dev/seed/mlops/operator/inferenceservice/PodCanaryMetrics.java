package dev.seed.mlops.operator.inferenceservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.operator.common.Failures;
import dev.seed.mlops.operator.drift.DriftReading;
import dev.seed.mlops.operator.drift.DriftReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Canary analysis from the serving pods themselves, all pods at once: cumulative request, error and latency counters
 * from each canary pod's /metrics, the routing counters of each stable pod (what it answered, forwarded, mirrored and
 * compared), and prediction histograms from the canary's and the stable pods' drift endpoints. No Prometheus server
 * is needed.
 */
public class PodCanaryMetrics implements CanaryMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock;
    private final int port;

    public PodCanaryMetrics(Clock clock) {
        this(clock, ServingObjects.HTTP_PORT);
    }

    /** @param port where the serving pods listen (the serving contract says 8080; tests use a free loopback port) */
    public PodCanaryMetrics(Clock clock, int port) {
        this.clock = clock;
        this.port = port;
    }

    @Override
    public CompletableFuture<CanaryScrape> scrape(InferenceService isvc, CanaryKey canary, List<ServingPod> canaryPods, List<ServingPod> stablePods) {
        String model = "/v2/models/" + URLEncoder.encode(isvc.getSpec().getModel(), StandardCharsets.UTF_8);
        Map<String, CompletableFuture<CanaryScrape.PodCounters>> counters = new LinkedHashMap<>();
        canaryPods.forEach(pod -> counters.put(pod.uid(), get(pod, "/metrics").thenApply(PodCanaryMetrics::counters)));
        Map<String, CompletableFuture<CanaryScrape.PodRouting>> routing = new LinkedHashMap<>();
        stablePods.forEach(pod -> routing.put(pod.uid(), get(pod, model + "/routing").thenApply(PodCanaryMetrics::routing)));
        List<CompletableFuture<String>> canaryDrift = canaryPods.stream().map(pod -> get(pod, model + "/drift")).toList();
        List<CompletableFuture<String>> stableDrift = stablePods.stream().map(pod -> get(pod, model + "/drift")).toList();
        List<CompletableFuture<?>> all = new ArrayList<>(counters.values());
        all.addAll(routing.values());
        all.addAll(canaryDrift);
        all.addAll(stableDrift);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, CanaryScrape.PodCounters> pods = new LinkedHashMap<>();
            counters.forEach((uid, future) -> pods.put(uid, future.join()));
            Map<String, CanaryScrape.PodRouting> routes = new LinkedHashMap<>();
            routing.forEach((uid, future) -> routes.put(uid, future.join()));
            List<String> canaryReports = canaryDrift.stream().map(CompletableFuture::join).toList();
            List<String> stableReports = stableDrift.stream().map(CompletableFuture::join).toList();
            return new CanaryScrape(clock.instant(), pods, routes, ownPredictionDrift(canaryReports),
                    DriftReportPredictions.comparable(json(canaryReports)), DriftReportPredictions.comparable(json(stableReports)));
        });
    }

    /** A stable pod's routing endpoint: the split it applies and its cumulative counters (docs/routing.md). */
    static CanaryScrape.PodRouting routing(String body) {
        JsonNode report = json(List.of(body)).get(0);
        JsonNode canary = report.path("routing").path("canary");
        JsonNode requests = report.path("requests");
        JsonNode shadow = report.path("shadow");
        RoutedTraffic traffic = new RoutedTraffic(requests.path("local").asLong(), requests.path("forwarded").asLong(),
                requests.path("fallback").asLong(), shadow.path("mirrored").asLong(), shadow.path("dropped").asLong(),
                shadow.path("failed").asLong(), shadow.path("compared").asLong(), shadow.path("rows").asLong(),
                shadow.path("agreeingRows").asLong(), shadow.path("absDeltaSum").asDouble(),
                longs(shadow.path("stableBins")), longs(shadow.path("shadowBins")));
        boolean routed = report.path("synced").asBoolean(false) && canary.isObject();
        return new CanaryScrape.PodRouting(traffic, routed ? canary.path("version").asLong() : 0,
                routed ? canary.path("weight").asInt() : 0, routed ? canary.path("shadow").asInt() : 0);
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static CanaryScrape.PodCounters counters(String metrics) {
        long requests = 0;
        long errors = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (PrometheusText.Sample sample : PrometheusText.parse(metrics)) {
            if (sample.name().equals("mlops_inference_requests_total")) {
                requests += (long) sample.value();
                if (sample.labels().getOrDefault("code", "").startsWith("5")) {
                    errors += (long) sample.value();
                }
            } else if (sample.name().equals("mlops_inference_request_duration_seconds_bucket")) {
                buckets.merge(Double.parseDouble(sample.labels().get("le").replace("+Inf", "Infinity")), sample.value(), Double::sum);
            }
        }
        return new CanaryScrape.PodCounters(requests, errors, buckets);
    }

    /**
     * PSI of the canary pods' predictions, pooled as a DriftPolicy pools pods, against what the version predicted on
     * its test split at training time; NaN without predictions.
     */
    private static double ownPredictionDrift(List<String> reports) {
        try {
            List<DriftReports.PodReport> parsed = new ArrayList<>();
            for (String report : reports) {
                parsed.add(DriftReports.parse(report));
            }
            return DriftReports.pool(parsed, DriftMetric.psi).scores().getOrDefault(DriftReading.PREDICTION, Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> json(List<String> bodies) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String body : bodies) {
            try {
                nodes.add(JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodes;
    }

    private CompletableFuture<String> get(ServingPod pod, String path) {
        String host = pod.ip().contains(":") ? "[" + pod.ip() + "]" : pod.ip();
        URI uri = URI.create("http://" + host + ":" + port + path);
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(new IOException("GET " + uri + " failed: " + Failures.message(error), error));
                    }
                    if (response.statusCode() != 200) {
                        throw new CompletionException(new IOException("GET " + uri + " answered " + response.statusCode()));
                    }
                    return response.body();
                });
    }
}
