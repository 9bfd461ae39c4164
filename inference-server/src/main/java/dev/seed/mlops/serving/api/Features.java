package dev.seed.mlops.serving.api;

import dev.seed.mlops.serving.model.FeatureSchema;
import java.util.List;

/** How error messages name the model's features. */
final class Features {

    private static final int LISTED = 20;

    private Features() {
    }

    /** "(a, b, c)" or, for wide models, the first few names and how many more. */
    static String describe(FeatureSchema schema) {
        List<String> names = schema.names();
        if (names.size() <= LISTED) {
            return "(" + String.join(", ", names) + ")";
        }
        return "(" + String.join(", ", names.subList(0, LISTED)) + ", ... " + (names.size() - LISTED) + " more)";
    }
}
