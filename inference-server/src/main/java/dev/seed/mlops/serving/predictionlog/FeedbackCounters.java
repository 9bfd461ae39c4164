package dev.seed.mlops.serving.predictionlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Labels the feedback endpoint took, by whether this pod served their prediction, and requests it refused, by reason. */
public final class FeedbackCounters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter served;
    private final Counter unverified;

    FeedbackCounters(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.served = labels("served");
        this.unverified = labels("unverified");
    }

    private Counter labels(String outcome) {
        return Counter.builder("mlops.feedback.labels")
                .description("Labels accepted: served (this pod served the prediction) or unverified (it did not"
                        + " recently: another pod may have)")
                .tags(tags.and("outcome", outcome)).register(registry);
    }

    public void accepted(long servedHere, long notVerified) {
        served.increment(servedHere);
        unverified.increment(notVerified);
    }

    /** A feedback request refused with a 4xx, by the reason its answer gives. */
    public void refused(String reason) {
        Counter.builder("mlops.feedback.refused")
                .description("Feedback requests refused, by reason (the reason of the 4xx answer)")
                .tags(tags.and("reason", reason)).register(registry).increment();
    }
}
