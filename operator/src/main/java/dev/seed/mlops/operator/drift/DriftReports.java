package dev.seed.mlops.operator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.statistics.DriftStatistics;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the inference server's {@code GET /v2/models/{m}/drift} answer and pools the answers of several pods.
 * <p>
 * Pooling sums each variable's bin counts over the pods and scores the pooled histogram against the baseline once
 * ({@link DriftStatistics}, the inference server's own implementation): 25 pods with 20 rows each are judged as one
 * window of 500 rows, not as 25 noisy windows of which the worst wins.
 */
public final class DriftReports {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Baselines of one version are one profile.json; proportions that differ more than this are another baseline. */
    private static final double SAME_BASELINE = 1e-9;

    private DriftReports() {
    }

    /** One variable's window on the baseline's bins. */
    public record Histogram(double[] expected, long[] counts) {
        long total() {
            return Arrays.stream(counts).sum();
        }
    }

    /** One pod's window: its rows and a histogram per variable the baseline describes. */
    public record PodReport(long samples, Map<String, Histogram> histograms) {
    }

    /**
     * @throws IOException when the body is not a drift report, or lacks the bin counts and baseline proportions that
     *                     pooling needs (an inference server older than the operator)
     */
    public static PodReport parse(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.path("samples").isNumber()) {
            throw new IOException("not a drift report (no samples): " + abbreviate(body));
        }
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (JsonNode feature : root.path("features")) {
            histograms.put(feature.path("name").asText(), histogram(feature));
        }
        JsonNode prediction = root.path("prediction");
        if (!prediction.isMissingNode() && !prediction.isNull()) {
            histograms.put(DriftReading.PREDICTION, histogram(prediction));
        }
        return new PodReport(root.path("samples").asLong(), histograms);
    }

    private static Histogram histogram(JsonNode variable) throws IOException {
        JsonNode counts = variable.path("counts");
        JsonNode expected = variable.path("expected");
        if (!counts.isArray() || !expected.isArray() || counts.size() != expected.size() || counts.isEmpty()) {
            throw new IOException("the drift report of " + variable.path("name").asText() + " has no bin counts with baseline"
                    + " proportions to pool; the inference server is older than the operator");
        }
        double[] proportions = new double[expected.size()];
        long[] values = new long[counts.size()];
        for (int i = 0; i < values.length; i++) {
            proportions[i] = expected.get(i).asDouble();
            values[i] = counts.get(i).asLong();
        }
        return new Histogram(proportions, values);
    }

    /**
     * The pods' windows as one: rows summed, each variable's counts summed bin by bin and scored in {@code metric}.
     * A variable with no value in any window has no score (no data is never "no drift").
     *
     * @throws IOException when two pods compare against different baselines: they do not serve the same version
     */
    public static DriftReading pool(Collection<PodReport> reports, DriftMetric metric) throws IOException {
        long samples = 0;
        Map<String, Histogram> pooled = new HashMap<>();
        for (PodReport report : reports) {
            samples += report.samples();
            for (Map.Entry<String, Histogram> variable : report.histograms().entrySet()) {
                Histogram sum = pooled.get(variable.getKey());
                pooled.put(variable.getKey(), sum == null ? copy(variable.getValue()) : add(variable.getKey(), sum, variable.getValue()));
            }
        }
        Map<String, Double> scores = new HashMap<>();
        pooled.forEach((name, histogram) -> {
            long total = histogram.total();
            if (total > 0) {
                scores.put(name, score(metric, histogram, total));
            }
        });
        return new DriftReading(samples, scores);
    }

    static double score(DriftMetric metric, Histogram histogram, long total) {
        int bins = histogram.counts().length;
        return switch (metric) {
            case psi -> DriftStatistics.psi(histogram.expected(), histogram.counts(), 0, bins, total);
            case ks -> DriftStatistics.ks(histogram.expected(), histogram.counts(), 0, bins, total);
            case jensenShannon -> DriftStatistics.jensenShannon(histogram.expected(), histogram.counts(), 0, bins, total);
        };
    }

    private static Histogram copy(Histogram histogram) {
        return new Histogram(histogram.expected(), histogram.counts().clone());
    }

    private static Histogram add(String name, Histogram sum, Histogram more) throws IOException {
        if (sum.expected().length != more.expected().length) {
            throw new IOException(name + " has " + sum.expected().length + " bins in one pod's report and " + more.expected().length
                    + " in another's: the pods do not compare against the same baseline");
        }
        for (int i = 0; i < sum.counts().length; i++) {
            if (Math.abs(sum.expected()[i] - more.expected()[i]) > SAME_BASELINE) {
                throw new IOException(name + " has other baseline proportions in one pod's report than in another's: the pods do"
                        + " not compare against the same baseline");
            }
            sum.counts()[i] += more.counts()[i];
        }
        return sum;
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
