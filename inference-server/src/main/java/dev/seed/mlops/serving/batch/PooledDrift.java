package dev.seed.mlops.serving.batch;

import dev.seed.mlops.serving.drift.DriftMetric;
import dev.seed.mlops.serving.drift.DriftReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift of a whole run: each shard's bin counts summed per variable, then scored against the baseline proportions
 * the reports carry, with the metric the inference server uses online (PSI).
 */
record PooledDrift(String metric, Map<String, Double> features, Double prediction) {

    static PooledDrift of(List<DriftReport> reports) {
        Map<String, Summed> features = new LinkedHashMap<>();
        Summed prediction = null;
        for (DriftReport report : reports) {
            for (DriftReport.Score score : report.features()) {
                features.computeIfAbsent(score.name(), name -> new Summed(score.expected())).add(score.counts());
            }
            if (report.prediction() != null) {
                prediction = prediction == null ? new Summed(report.prediction().expected()) : prediction;
                prediction.add(report.prediction().counts());
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        features.forEach((name, summed) -> summed.psi().ifPresent(psi -> scores.put(name, psi)));
        return new PooledDrift(DriftMetric.PSI.id(), scores, prediction == null ? null : prediction.psi().orElse(null));
    }

    /** The feature with the largest score, or null when none was scored. */
    Map.Entry<String, Double> max() {
        return features.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }

    private static final class Summed {
        private final double[] expected;
        private final long[] counts;

        Summed(List<Double> expected) {
            this.expected = expected.stream().mapToDouble(Double::doubleValue).toArray();
            this.counts = new long[this.expected.length];
        }

        void add(List<Long> more) {
            for (int bin = 0; bin < counts.length && bin < more.size(); bin++) {
                counts[bin] += more.get(bin);
            }
        }

        java.util.Optional<Double> psi() {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(DriftMetric.PSI.score(expected, counts, 0, counts.length, total));
        }
    }

    static List<DriftReport> reports(List<ShardSummary> shards) {
        List<DriftReport> reports = new ArrayList<>();
        shards.forEach(shard -> reports.add(shard.drift()));
        return reports;
    }
}
