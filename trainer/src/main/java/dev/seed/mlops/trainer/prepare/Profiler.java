package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.artifact.DataProfile;
import dev.seed.mlops.artifact.DataProfile.FeatureProfile;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Column;
import dev.seed.mlops.trainer.data.NumericColumn;
import dev.seed.mlops.trainer.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reference distributions for drift: per numeric feature, bins whose inner edges are the deciles of the data
 * (equal ties merged); per categorical feature, the frequency of each known value. See {@link DataProfile}.
 */
public final class Profiler {
    /** Deciles: ten bins of about equal mass, enough for PSI to be stable on a few thousand serving rows. */
    public static final int NUMERIC_BINS = 10;
    /** Rarer values than the most frequent this many are counted in the unknown bin. */
    public static final int MAX_CATEGORIES = 1024;

    private Profiler() {
    }

    public static DataProfile profile(Table table, String datasetDigest) {
        List<FeatureProfile> features = table.features().stream().map(Profiler::profile).toList();
        return new DataProfile(DataProfile.CURRENT_FORMAT_VERSION, datasetDigest, table.rows(), features);
    }

    public static FeatureProfile profile(Column column) {
        return column instanceof NumericColumn numeric
                ? numeric(numeric.name(), numeric.values())
                : categorical((CategoricalColumn) column);
    }

    /** The profile of numbers (NaN counts as missing). */
    public static FeatureProfile numeric(String name, double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(present);
        double missingRate = values.length == 0 ? 0 : 1.0 - (double) present.length / values.length;
        double mean = present.length == 0 ? 0 : Arrays.stream(present).sum() / present.length;
        double variance = Arrays.stream(present).map(v -> (v - mean) * (v - mean)).sum() / present.length;
        return numeric(name, missingRate, new SortedArray(present), mean, Math.sqrt(variance));
    }

    /**
     * The profile of a feature's present values given in order: bins whose inner edges are the values at the decile
     * ranks, equal edges merged, each bin's share of the values.
     */
    static FeatureProfile numeric(String name, double missingRate, OrderStatistics sorted, double mean, double stddev) {
        long present = sorted.size();
        if (present == 0) {
            return new FeatureProfile(name, "numeric", missingRate, List.of(), null, List.of(0.0), null, null);
        }
        List<Double> edges = new ArrayList<>();
        List<Double> frequencies = new ArrayList<>();
        long below = 0;
        for (long rank : OrderStatistics.decileRanks(present, NUMERIC_BINS)) {
            double edge = sorted.at(rank);
            if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
                edges.add(edge);
                long belowEdge = sorted.below(rank);
                frequencies.add((double) (belowEdge - below) / present);
                below = belowEdge;
            }
        }
        frequencies.add((double) (present - below) / present);
        return new FeatureProfile(name, "numeric", missingRate, edges, null, frequencies, mean, stddev);
    }

    private static FeatureProfile categorical(CategoricalColumn column) {
        long[] counts = new long[column.dictionary().size()];
        for (int row = 0; row < column.size(); row++) {
            int code = column.code(row);
            if (code != CategoricalColumn.MISSING) {
                counts[code]++;
            }
        }
        return categorical(column.name(), column.dictionary(), counts, 0, column.size());
    }

    /**
     * The profile of category codes: index i of the vocabulary, NaN missing, any other value (an unknown category)
     * counted in the unknown bin.
     */
    public static FeatureProfile categorical(String name, List<String> vocabulary, double[] codes) {
        long[] counts = new long[vocabulary.size()];
        long unknown = 0;
        for (double code : codes) {
            if (code >= 0 && code < counts.length && code == Math.rint(code)) {
                counts[(int) code]++;
            } else if (!Double.isNaN(code)) {
                unknown++;
            }
        }
        return categorical(name, vocabulary, counts, unknown, codes.length);
    }

    /** @param counts per value of the dictionary; {@code unknown} more values were outside it, of {@code rows} in all */
    static FeatureProfile categorical(String name, List<String> dictionary, long[] counts, long unknown, long rows) {
        long present = unknown + Arrays.stream(counts).sum();
        List<Integer> kept = IntStream.range(0, dictionary.size()).boxed()
                .sorted(Comparator.<Integer>comparingLong(code -> -counts[code]).thenComparing(dictionary::get))
                .limit(MAX_CATEGORIES)
                .toList();
        List<String> categories = kept.stream().map(dictionary::get).toList();
        List<Double> frequencies = new ArrayList<>();
        long keptCount = 0;
        for (int code : kept) {
            frequencies.add(present == 0 ? 0.0 : (double) counts[code] / present);
            keptCount += counts[code];
        }
        frequencies.add(present == 0 ? 0.0 : (double) (present - keptCount) / present);
        double missingRate = rows == 0 ? 0 : 1.0 - (double) present / rows;
        return new FeatureProfile(name, "categorical", missingRate, null, categories, frequencies, null, null);
    }

    /** Values sorted in memory. */
    private record SortedArray(double[] values) implements OrderStatistics {
        @Override
        public long size() {
            return values.length;
        }

        @Override
        public double at(long rank) {
            return values[(int) rank];
        }

        @Override
        public long below(long rank) {
            return lowerBound(values, values[(int) rank]);
        }
    }

    /** The number of values in a sorted array strictly below the key. */
    static int lowerBound(double[] sorted, double key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < key) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
