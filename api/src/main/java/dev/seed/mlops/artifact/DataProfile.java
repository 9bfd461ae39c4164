package dev.seed.mlops.artifact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * profile.json: the reference distributions drift is measured against, per feature and for the prediction.
 *
 * @param formatVersion version of this profile format
 * @param datasetDigest sha256:&lt;hex&gt; of the data it was computed on
 * @param rows          rows it was computed on
 * @param features      one entry per feature, plus one named {@link ArtifactFiles#PREDICTION} in model profiles
 * @param engineered    one entry per model feature a Dataset's transforms compute, profiled on the training split as
 *                      the model gets it (a 32-bit float; a categorical one by its fitted categories); empty without
 *                      transforms and in profiles written before it existed. Apart from {@code features}, which are
 *                      the raw columns requests carry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataProfile(int formatVersion, String datasetDigest, long rows, List<FeatureProfile> features,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FeatureProfile> engineered) {

    public static final int CURRENT_FORMAT_VERSION = 1;

    @JsonCreator
    public DataProfile {
        engineered = engineered == null ? List.of() : List.copyOf(engineered);
    }

    /** A profile of raw features only. */
    public DataProfile(int formatVersion, String datasetDigest, long rows, List<FeatureProfile> features) {
        this(formatVersion, datasetDigest, rows, features, List.of());
    }

    /** This profile with the engineered features' entries. */
    public DataProfile withEngineered(List<FeatureProfile> entries) {
        return new DataProfile(formatVersion, datasetDigest, rows, features, entries);
    }

    /**
     * The distribution of one feature.
     *
     * @param name        feature name
     * @param type        numeric or categorical
     * @param missingRate fraction of rows where the value was missing
     * @param binEdges    numeric only: ascending inner edges e1 &lt; ... &lt; ek (quantiles of the data);
     *                    bin 0 is (-inf, e1), bin i is [ei, ei+1), bin k is [ek, +inf)
     * @param categories  categorical only: the known values; one extra bin at the end holds unknown values
     * @param frequencies fraction of non-missing values in each bin (binEdges.size()+1 or categories.size()+1 entries)
     * @param mean        numeric only: mean of the non-missing values
     * @param stddev      numeric only: standard deviation of the non-missing values
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FeatureProfile(
            String name,
            String type,
            double missingRate,
            List<Double> binEdges,
            List<String> categories,
            List<Double> frequencies,
            Double mean,
            Double stddev) {
    }
}
