package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.trainer.data.Row;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Profiler}'s profile of a Dataset's features, built from rows streamed in passes over the source instead of
 * a table in memory: the first pass counts missing values, categories and sums; the deciles come from
 * {@link ExactDeciles}, which may ask for more passes; the standard deviation is summed on the second pass, around the
 * first pass's mean. Memory is bounded by the features (under 5 MiB per numeric one) and the distinct categories, not
 * by the rows. The edges and frequencies equal the in-memory profile's; the mean and standard deviation are the same
 * compensated sums taken in source order instead of sorted order, so they can differ in the last bits.
 */
final class StreamingProfiler {
    private final List<FeatureColumn> features;
    private final ExactDeciles[] deciles;
    private final DoubleSummaryStatistics[] values;
    private final DoubleSummaryStatistics[] squares;
    private final List<Map<String, long[]>> categoryCounts = new ArrayList<>();
    private int pass = 1;

    StreamingProfiler(DataSchema schema) {
        features = schema.getFeatures();
        deciles = new ExactDeciles[features.size()];
        values = new DoubleSummaryStatistics[features.size()];
        squares = new DoubleSummaryStatistics[features.size()];
        for (int i = 0; i < features.size(); i++) {
            boolean numeric = features.get(i).getType() != FeatureType.categorical;
            deciles[i] = numeric ? new ExactDeciles() : null;
            values[i] = new DoubleSummaryStatistics();
            squares[i] = new DoubleSummaryStatistics();
            categoryCounts.add(numeric ? Map.of() : new HashMap<>());
        }
    }

    /** Takes a row of the current pass. */
    void add(Row row) {
        for (int i = 0; i < deciles.length; i++) {
            if (deciles[i] == null) {
                if (pass == 1 && row.category(i) != null) {
                    categoryCounts.get(i).computeIfAbsent(row.category(i), value -> new long[1])[0]++;
                }
                continue;
            }
            double value = row.number(i);
            if (Double.isNaN(value)) {
                continue;
            }
            deciles[i].add(value);
            if (pass == 1) {
                values[i].accept(value);
            } else if (pass == 2) {
                double deviation = value - values[i].getAverage();
                squares[i].accept(deviation * deviation);
            }
        }
    }

    void endPass() {
        for (ExactDeciles feature : deciles) {
            if (feature != null) {
                feature.endPass();
            }
        }
    }

    /** Whether the deciles need a pass that only counts, before the last one. */
    boolean needsCountingPass() {
        for (ExactDeciles feature : deciles) {
            if (feature != null && feature.needsCountingPass()) {
                return true;
            }
        }
        return false;
    }

    void startPass() {
        pass++;
        for (ExactDeciles feature : deciles) {
            if (feature != null) {
                feature.startPass();
            }
        }
    }

    /** The profile, once a pass after the first has ended and {@link #needsCountingPass()} is false. */
    DataProfile profile(String datasetDigest, long rows) {
        List<FeatureProfile> profiles = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            String name = features.get(i).getName();
            if (deciles[i] == null) {
                Map<String, long[]> counts = categoryCounts.get(i);
                List<String> dictionary = List.copyOf(counts.keySet());
                long[] perValue = dictionary.stream().mapToLong(value -> counts.get(value)[0]).toArray();
                profiles.add(Profiler.categorical(name, dictionary, perValue, 0, rows));
            } else {
                long present = values[i].getCount();
                double missingRate = rows == 0 ? 0 : 1.0 - (double) present / rows;
                double stddev = Math.sqrt(squares[i].getSum() / present);
                profiles.add(Profiler.numeric(name, missingRate, deciles[i], values[i].getAverage(), stddev));
            }
        }
        return new DataProfile(DataProfile.CURRENT_FORMAT_VERSION, datasetDigest, rows, profiles);
    }
}
