package dev.seed.mlops.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.operator.common.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads the serving pods' drift gauges from a Prometheus that scrapes them, through its instant-query API.
 * <p>
 * Prometheus holds each pod's scores, not the bin counts behind them, so it cannot pool the pods' windows as the HTTP
 * provider does. It judges each pod on its own window instead: only pods whose window holds {@code minSamples} rows
 * count, each variable takes the worst score among them, and the reading's samples are the smallest counted window.
 * No pod with enough rows is an Inconclusive reading (samples: the largest window), never "no drift". With many pods
 * and little traffic per pod, prefer the HTTP provider or a larger window.
 * <p>
 * The inference server labels its gauges with model and version; the {@code namespace} label is the one the usual
 * Kubernetes scrape configuration (ServiceMonitor, PodMonitor, kubernetes_sd relabelling) adds. A pod is the set of
 * its series' labels other than the metric name, feature and metric (typically pod or instance).
 */
public class PrometheusDriftProvider implements DriftProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_THE_POD = Set.of("__name__", "feature", "metric");

    private final HttpClient http;
    private final String address;
    private final Duration timeout;

    public PrometheusDriftProvider(HttpClient http, String address, Duration timeout) {
        this.http = http;
        this.address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        this.timeout = timeout;
    }

    @Override
    public DriftReading read(DriftTarget target, DriftMetric metric) throws DriftProviderException {
        return DriftProvider.await(readAsync(target, metric, Runnable::run));
    }

    @Override
    public CompletableFuture<DriftReading> readAsync(DriftTarget target, DriftMetric metric, Executor unused) {
        String selector = "namespace=\"" + escape(target.namespace()) + "\",model=\"" + escape(target.model())
                + "\",version=\"" + target.version() + "\"";
        String withMetric = selector + ",metric=\"" + metric.name() + "\"";
        CompletableFuture<JsonNode> samples = query("mlops_drift_window_samples{" + selector + "}", target);
        CompletableFuture<JsonNode> features = query("mlops_feature_drift{" + withMetric + "}", target);
        CompletableFuture<JsonNode> predictions = query("mlops_prediction_drift{" + withMetric + "}", target);
        return CompletableFuture.allOf(samples, features, predictions)
                .thenApply(all -> judge(samples.join(), features.join(), predictions.join(), target.minSamples()));
    }

    /** Worst score per variable over the pods whose own window holds minSamples rows. */
    static DriftReading judge(JsonNode samples, JsonNode features, JsonNode predictions, long minSamples) {
        Map<Map<String, String>, Long> rows = new HashMap<>();
        for (JsonNode series : samples) {
            value(series).ifPresent(value -> rows.put(pod(series), value.longValue()));
        }
        long largest = rows.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long smallestCounted = rows.values().stream().mapToLong(Long::longValue).filter(n -> n >= minSamples).min().orElse(largest);
        Map<String, Double> scores = new HashMap<>();
        for (JsonNode series : features) {
            if (rows.getOrDefault(pod(series), 0L) >= minSamples) {
                value(series).ifPresent(score -> scores.merge(series.path("metric").path("feature").asText(), score, Math::max));
            }
        }
        for (JsonNode series : predictions) {
            if (rows.getOrDefault(pod(series), 0L) >= minSamples) {
                value(series).ifPresent(score -> scores.merge(DriftReading.PREDICTION, score, Math::max));
            }
        }
        return new DriftReading(smallestCounted, scores);
    }

    private static Map<String, String> pod(JsonNode series) {
        Map<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!NOT_THE_POD.contains(label.getKey())) {
                labels.put(label.getKey(), label.getValue().asText());
            }
        }
        return labels;
    }

    private CompletableFuture<JsonNode> query(String promql, DriftTarget target) {
        URI uri = URI.create(address + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        throw new CompletionException(failed(target, "cannot reach " + address + ": " + Failures.message(cause), cause));
                    }
                    try {
                        JsonNode body = JSON.readTree(response.body());
                        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                            throw new CompletionException(failed(target, "query " + promql + " answered " + response.statusCode() + ": "
                                    + body.path("error").asText(DriftReports.abbreviate(response.body())), null));
                        }
                        return body.path("data").path("result");
                    } catch (IOException e) {
                        throw new CompletionException(failed(target, "query " + promql + " answered " + response.statusCode()
                                + " with no Prometheus JSON: " + DriftReports.abbreviate(response.body()), e));
                    }
                });
    }

    private DriftProviderException failed(DriftTarget target, String what, Throwable cause) {
        return new DriftProviderException("Prometheus at " + address + " did not give the drift of " + target.describe() + ": " + what
                + "; check spec.provider.prometheus.address and that Prometheus scrapes the serving pods", cause);
    }

    /** An instant vector sample is [time, "value"]; NaN means the window had nothing to compare. */
    private static Optional<Double> value(JsonNode series) {
        JsonNode text = series.path("value").path(1);
        try {
            double value = Double.parseDouble(text.asText());
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
