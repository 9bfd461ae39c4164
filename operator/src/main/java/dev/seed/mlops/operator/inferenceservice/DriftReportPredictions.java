package dev.seed.mlops.operator.inferenceservice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The predictions on the bins every version of a model shares, in the serving pods' drift reports, summed over pods. */
final class DriftReportPredictions {
    private DriftReportPredictions() {
    }

    /** Predictions on the bins every version of the model shares, summed over pods; empty when the reports have none. */
    static long[] comparable(List<JsonNode> reports) {
        return sum(reports.stream().map(r -> r.path("comparablePrediction").path("counts")).toList());
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
