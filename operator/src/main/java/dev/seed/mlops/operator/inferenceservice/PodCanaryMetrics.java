package dev.seed.mlops.operator.inferenceservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.InferenceService;
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
 * from each canary pod's /metrics, and prediction histograms from the canary's and the stable pods' drift endpoints.
 * No Prometheus server is needed.
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
        String drift = "/v2/models/" + URLEncoder.encode(isvc.getSpec().getModel(), StandardCharsets.UTF_8) + "/drift";
        Map<String, CompletableFuture<CanaryScrape.PodCounters>> counters = new LinkedHashMap<>();
        canaryPods.forEach(pod -> counters.put(pod.uid(), get(pod, "/metrics").thenApply(PodCanaryMetrics::counters)));
        List<CompletableFuture<JsonNode>> canaryDrift = canaryPods.stream().map(pod -> get(pod, drift).thenApply(PodCanaryMetrics::json)).toList();
        List<CompletableFuture<JsonNode>> stableDrift = stablePods.stream().map(pod -> get(pod, drift).thenApply(PodCanaryMetrics::json)).toList();
        List<CompletableFuture<?>> all = new ArrayList<>(counters.values());
        all.addAll(canaryDrift);
        all.addAll(stableDrift);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, CanaryScrape.PodCounters> pods = new LinkedHashMap<>();
            counters.forEach((uid, future) -> pods.put(uid, future.join()));
            List<JsonNode> canaryReports = canaryDrift.stream().map(CompletableFuture::join).toList();
            List<JsonNode> stableReports = stableDrift.stream().map(CompletableFuture::join).toList();
            return new CanaryScrape(clock.instant(), pods, DriftReportPredictions.ownDrift(canaryReports),
                    DriftReportPredictions.comparable(canaryReports), DriftReportPredictions.comparable(stableReports));
        });
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

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<String> get(ServingPod pod, String path) {
        String host = pod.ip().contains(":") ? "[" + pod.ip() + "]" : pod.ip();
        URI uri = URI.create("http://" + host + ":" + port + path);
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        throw new CompletionException(new IOException("GET " + uri + " failed: "
                                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause));
                    }
                    if (response.statusCode() != 200) {
                        throw new CompletionException(new IOException("GET " + uri + " answered " + response.statusCode()));
                    }
                    return response.body();
                });
    }
}
