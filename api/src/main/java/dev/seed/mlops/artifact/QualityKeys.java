package dev.seed.mlops.artifact;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the quality Job ({@code mlops-trainer evaluate-quality}) lays out its figures in {@link JobResult#metrics()}: one
 * key per version and figure, {@code v<version>.<figure>}, e.g. {@code v3.auc}, {@code v3.labelled}. The figures are
 * the training metrics (auc, accuracy, ...) and the counts named here. Shared by the trainer, which writes them, and
 * the operator, which reads them.
 */
public final class QualityKeys {
    /** Predictions in the window that a label joined. */
    public static final String LABELLED = "labelled";
    /** Predictions in the window no label joined (yet). */
    public static final String UNLABELLED = "unlabelled";
    /** Labels beyond the first for an id: counted, not used. */
    public static final String DUPLICATES = "duplicates";
    /** Median seconds from a prediction to its label's arrival. */
    public static final String DELAY_P50 = "labelDelayP50Seconds";
    /** Longest seconds from a prediction to its label's arrival. */
    public static final String DELAY_MAX = "labelDelayMaxSeconds";
    /** Lines and rows refused in all (unknown format version, malformed, unusable label); not per version. */
    public static final String REFUSED = "refused";

    private static final Pattern KEY = Pattern.compile("v([0-9]+)\\.(.+)");

    private QualityKeys() {
    }

    public static String key(long version, String figure) {
        return "v" + version + "." + figure;
    }

    /** The version and figure a key names, empty for keys that name none (such as {@link #REFUSED}). */
    public static Optional<VersionFigure> parse(String key) {
        Matcher matcher = KEY.matcher(key);
        return matcher.matches() ? Optional.of(new VersionFigure(Long.parseLong(matcher.group(1)), matcher.group(2))) : Optional.empty();
    }

    public record VersionFigure(long version, String figure) {
    }
}
