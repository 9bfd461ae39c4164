package dev.seed.mlops.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the inference server's {@code GET /v2/models/{m}/drift} answer and merges the answers of several pods.
 * <p>
 * The endpoint reports scores, not the bin counts behind them, so the pods' windows cannot be pooled into one
 * histogram. The merge is therefore conservative: samples add up, and each variable takes the worst score any pod
 * reports. Traffic is spread evenly over the pods of a Deployment, so their windows see the same distribution; a pod
 * that sees a shift others do not (one zone's clients, say) is a shift worth acting on.
 */
public final class DriftReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftReports() {
    }

    /**
     * @throws IOException when the body is not a drift report
     */
    public static DriftReading parse(String body, DriftMetric metric) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.path("samples").isNumber()) {
            throw new IOException("not a drift report (no samples): " + abbreviate(body));
        }
        Map<String, Double> scores = new HashMap<>();
        for (JsonNode feature : root.path("features")) {
            score(feature, metric).ifPresent(score -> scores.put(feature.path("name").asText(), score));
        }
        JsonNode prediction = root.path("prediction");
        if (!prediction.isMissingNode()) {
            score(prediction, metric).ifPresent(score -> scores.put(DriftReading.PREDICTION, score));
        }
        return new DriftReading(root.path("samples").asLong(), scores);
    }

    public static DriftReading merge(Collection<DriftReading> readings) {
        long samples = 0;
        Map<String, Double> worst = new HashMap<>();
        for (DriftReading reading : readings) {
            samples += reading.samples();
            reading.scores().forEach((name, score) -> worst.merge(name, score, Math::max));
        }
        return new DriftReading(samples, worst);
    }

    /** A missing or non-finite score means the window holds nothing to compare for that variable. */
    private static java.util.Optional<Double> score(JsonNode variable, DriftMetric metric) {
        JsonNode value = variable.path(metric.name());
        return value.isNumber() && Double.isFinite(value.asDouble()) ? java.util.Optional.of(value.asDouble()) : java.util.Optional.empty();
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
