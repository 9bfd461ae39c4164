package dev.seed.mlops.serving.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v2/models/{m}/drift} answers: scores per feature and for the prediction over the current
 * window, with the bin counts and baseline proportions behind each score so that the windows of several pods can be
 * pooled into one histogram and scored again. A score is null (absent) while the window holds no value to compare: no data is never "no drift".
 *
 * @param samples        rows in the window
 * @param window         the window's size and bounds
 * @param baselineDigest sha256 of the profile.json compared against
 * @param datasetDigest  the dataset the baseline was computed on
 * @param features       one score per feature the baseline describes
 * @param prediction     the prediction's score, if the baseline describes the prediction
 * @param comparablePrediction the prediction counted on bins every version of the model shares, to compare a canary's
 *                       predictions with the stable version's; absent for regression, which has no such bins
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftReport(
        long samples,
        Window window,
        String baselineDigest,
        String datasetDigest,
        List<Score> features,
        Score prediction,
        ComparablePrediction comparablePrediction) {

    /**
     * @param kind     rows or duration
     * @param size     rows, or milliseconds
     * @param buckets  how many buckets the window moves by
     * @param start    when the oldest row in the window arrived (its bucket's start)
     * @param end      when the newest row arrived
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(String kind, long size, int buckets, Instant start, Instant end) {
    }

    /**
     * @param name          the feature, or _prediction
     * @param psi           population stability index
     * @param ks            Kolmogorov–Smirnov statistic
     * @param jensenShannon Jensen–Shannon divergence, in bits
     * @param missingRate   fraction of the window's rows where the value was missing
     * @param counts        the window's value count per baseline bin, so that windows of several pods can be summed
     * @param expected      the baseline's proportion per bin (the same bins as counts), so that summed counts can be
     *                      scored again
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Score(String name, Double psi, Double ks, Double jensenShannon, Double missingRate, List<Long> counts,
            List<Double> expected) {
    }

    /**
     * @param binEdges upper-exclusive edges of the probability bins (binary); absent when the bins are the classes
     * @param counts   the window's predictions per bin
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComparablePrediction(List<Double> binEdges, List<Long> counts) {
    }
}
