package dev.seed.mlops.serving.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the shadow comparison of a stable pod must report, worked out here from the two servers' own answers,
 * written independently of the server's code: the rules of docs/routing.md, spelt out for each task.
 */
final class ExpectedComparison {

    private final String task;
    private final int width;
    private final double tolerance;
    private final long[] stableBins;
    private final long[] shadowBins;
    private long rows;
    private long agreeing;
    private double absDeltaSum;

    ExpectedComparison(String task, int width, double tolerance) {
        this.task = task;
        this.width = width;
        this.tolerance = tolerance;
        int bins = switch (task) {
            case "binary" -> 20;
            case "multiclass" -> width;
            default -> 0;
        };
        this.stableBins = new long[bins];
        this.shadowBins = new long[bins];
    }

    void add(float[] stable, float[] shadow) {
        assertThat(shadow).hasSameSizeAs(stable);
        for (int offset = 0; offset < stable.length; offset += width) {
            rows++;
            double delta = 0;
            for (int c = 0; c < width; c++) {
                delta = Math.max(delta, Math.abs(shadow[offset + c] - stable[offset + c]));
            }
            absDeltaSum += delta;
            switch (task) {
                case "binary" -> {
                    agreeing += (stable[offset] >= 0.5f) == (shadow[offset] >= 0.5f) ? 1 : 0;
                    stableBins[Math.min(19, (int) (stable[offset] * 20))]++;
                    shadowBins[Math.min(19, (int) (shadow[offset] * 20))]++;
                }
                case "multiclass" -> {
                    int a = argmax(stable, offset);
                    int b = argmax(shadow, offset);
                    agreeing += a == b ? 1 : 0;
                    stableBins[a]++;
                    shadowBins[b]++;
                }
                default -> {
                    double a = stable[offset];
                    double b = shadow[offset];
                    agreeing += Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b)) ? 1 : 0;
                }
            }
        }
    }

    private int argmax(float[] values, int offset) {
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    long rows() {
        return rows;
    }

    /** Checks the change of the routing endpoint's {@code shadow} between two reads. */
    void assertReported(JsonNode before, JsonNode after, int requests) {
        assertThat(after.path("compared").asLong() - before.path("compared").asLong()).isEqualTo(requests);
        assertThat(after.path("rows").asLong() - before.path("rows").asLong()).isEqualTo(rows);
        assertThat(after.path("agreeingRows").asLong() - before.path("agreeingRows").asLong()).isEqualTo(agreeing);
        assertThat(agreeing).as("the two models disagree on some rows and agree on others").isStrictlyBetween(0L, rows);
        assertThat(after.path("absDeltaSum").asDouble() - before.path("absDeltaSum").asDouble())
                .isCloseTo(absDeltaSum, within(1e-4 * Math.max(1, absDeltaSum)));
        assertThat(after.path("stableBins").size()).isEqualTo(stableBins.length);
        for (int bin = 0; bin < stableBins.length; bin++) {
            assertThat(after.path("stableBins").path(bin).asLong() - before.path("stableBins").path(bin).asLong())
                    .as("stable bin %d", bin).isEqualTo(stableBins[bin]);
            assertThat(after.path("shadowBins").path(bin).asLong() - before.path("shadowBins").path(bin).asLong())
                    .as("shadow bin %d", bin).isEqualTo(shadowBins[bin]);
        }
        assertThat(after.path("absDeltaBuckets").path("+Inf").asLong()).isEqualTo(after.path("rows").asLong());
    }
}
