package dev.seed.mlops.operator.inferenceservice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The prediction histograms in the serving pods' drift reports, pooled over pods. */
final class DriftReportPredictions {
    private DriftReportPredictions() {
    }

    /** Predictions on the bins every version of the model shares, summed over pods; empty when the reports have none. */
    static long[] comparable(List<JsonNode> reports) {
        return sum(reports.stream().map(r -> r.path("comparablePrediction").path("counts")).toList());
    }

    /**
     * PSI of the pods' pooled predictions against what the version predicted on its test split at training time: the
     * window counts of the reports summed, against the baseline proportions they carry ({@code prediction.expected}).
     * A single pod's own score needs no pooling. NaN when unknown.
     */
    static double ownDrift(List<JsonNode> reports) {
        if (reports.size() == 1 && reports.get(0).path("prediction").path("psi").isNumber()) {
            return reports.get(0).path("prediction").path("psi").asDouble();
        }
        JsonNode expected = reports.isEmpty() ? null : reports.get(0).path("prediction").path("expected");
        if (expected == null || !expected.isArray() || expected.isEmpty()) {
            return Double.NaN;
        }
        double[] fractions = new double[expected.size()];
        for (int i = 0; i < fractions.length; i++) {
            fractions[i] = expected.get(i).asDouble();
        }
        return PredictionDistributions.psi(sum(reports.stream().map(r -> r.path("prediction").path("counts")).toList()), fractions);
    }

    private static long[] sum(List<JsonNode> countArrays) {
        long[] sum = null;
        for (JsonNode counts : countArrays) {
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
}
