package dev.seed.mlops.serving.tensor;

import dev.seed.mlops.serving.model.FeatureSchema;
import java.util.List;

/** How error messages name the model's features and quote what the client sent. */
public final class Features {

    private static final int LISTED = 20;
    private static final int QUOTED = 40;

    private Features() {
    }

    /** "(a, b, c)" or, for wide models, the first few names and how many more. */
    public static String describe(FeatureSchema schema) {
        List<String> names = schema.names();
        if (names.size() <= LISTED) {
            return "(" + String.join(", ", names) + ")";
        }
        return "(" + String.join(", ", names.subList(0, LISTED)) + ", ... " + (names.size() - LISTED) + " more)";
    }

    /** The text itself if short, else its start and "...". */
    public static String abbreviate(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...";
    }
}
