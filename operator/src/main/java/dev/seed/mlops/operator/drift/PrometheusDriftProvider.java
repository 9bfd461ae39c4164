package dev.seed.mlops.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the serving pods' drift gauges from a Prometheus that scrapes them, through its instant-query API. Merged as
 * the HTTP provider merges: worst score per variable over the pods, samples summed.
 * <p>
 * The inference server labels its gauges with model and version; the {@code namespace} label is the one the usual
 * Kubernetes scrape configuration (ServiceMonitor, PodMonitor, kubernetes_sd relabelling) adds.
 */
public class PrometheusDriftProvider implements DriftProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String selector = "namespace=\"" + escape(target.namespace()) + "\",model=\"" + escape(target.model())
                + "\",version=\"" + target.version() + "\"";
        String withMetric = selector + ",metric=\"" + metric.name() + "\"";
        Map<String, Double> scores = new HashMap<>();
        for (JsonNode series : query("max by (feature) (mlops_feature_drift{" + withMetric + "})", target)) {
            value(series).ifPresent(score -> scores.put(series.path("metric").path("feature").asText(), score));
        }
        for (JsonNode series : query("max(mlops_prediction_drift{" + withMetric + "})", target)) {
            value(series).ifPresent(score -> scores.put(DriftReading.PREDICTION, score));
        }
        long samples = 0;
        for (JsonNode series : query("sum(mlops_drift_window_samples{" + selector + "})", target)) {
            samples += value(series).map(Double::longValue).orElse(0L);
        }
        return new DriftReading(samples, scores);
    }

    private JsonNode query(String promql, DriftTarget target) throws DriftProviderException {
        URI uri = URI.create(address + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failed(target, "cannot reach " + address + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(target, "interrupted while querying " + address, e);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw failed(target, "query " + promql + " answered " + response.statusCode() + ": " + body.path("error").asText(DriftReports.abbreviate(response.body())), null);
            }
            return body.path("data").path("result");
        } catch (IOException e) {
            throw failed(target, "query " + promql + " answered " + response.statusCode() + " with no Prometheus JSON: " + DriftReports.abbreviate(response.body()), e);
        }
    }

    private DriftProviderException failed(DriftTarget target, String what, Throwable cause) {
        return new DriftProviderException("Prometheus at " + address + " did not give the drift of " + target.describe() + ": " + what
                + "; check spec.provider.prometheus.address and that Prometheus scrapes the serving pods", cause);
    }

    /** An instant vector sample is [time, "value"]; NaN means the window had nothing to compare. */
    private static java.util.Optional<Double> value(JsonNode series) {
        JsonNode text = series.path("value").path(1);
        try {
            double value = Double.parseDouble(text.asText());
            return Double.isFinite(value) ? java.util.Optional.of(value) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
