package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times that objects carry as RFC 3339 annotations (refresh-requested-at, snapshot-after). */
public final class AnnotatedTimes {
    private AnnotatedTimes() {
    }

    /** The time in annotation {@code key}; empty when unset or unreadable, since an unreadable time cannot be compared. */
    public static Optional<Instant> read(HasMetadata object, String key) {
        String value = object.getMetadata().getAnnotations() == null ? null : object.getMetadata().getAnnotations().get(key);
        try {
            return Optional.ofNullable(value).map(Timestamps::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
