package dev.seed.mlops.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The serving metrics of one model version. Meters are created once (per status code on first use) so
 * recording a request only increments: no tag lists or lookups per request.
 */
public final class InferenceMetrics {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofNanos(2_500_000_000L)};

    private final MeterRegistry registry;
    private final Tags modelTags;
    private final Counter[] requestsByCode = new Counter[600];
    private final Timer latency;
    private final Counter rows;
    private final ExpectedAccuracy expectedAccuracy;

    /** @param classes 1 for a binary classifier, the class count of a multiclass one, 0 for regression (no estimate) */
    public InferenceMetrics(MeterRegistry registry, String model, String version, int classes) {
        this.registry = registry;
        this.modelTags = Tags.of("model", model, "version", version);
        this.expectedAccuracy = classes > 0 ? new ExpectedAccuracy(registry, modelTags, classes) : null;
        this.latency = Timer.builder("mlops.inference.request.duration")
                .description("Time from a predict or infer request's complete body to its answer")
                .tags(modelTags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.rows = Counter.builder("mlops.inference.predicted.rows")
                .description("Rows predicted")
                .tags(modelTags)
                .register(registry);
    }

    /** Counts a predict or infer request by its HTTP status and records how long it took. */
    public void request(int status, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        requests(status).increment();
    }

    /** Counts a request refused before it was read whole, so it has no processing time to record. */
    public void rejected(int status) {
        requests(status).increment();
    }

    /** Counts the rows of a predicted batch and, for a classifier, how many of them are expected to be right. */
    public void predicted(float[] predictions, int count) {
        rows.increment(count);
        if (expectedAccuracy != null) {
            expectedAccuracy.record(predictions, count);
        }
    }

    private Counter requests(int status) {
        int code = status >= 100 && status < requestsByCode.length ? status : 599;
        Counter counter = requestsByCode[code];
        if (counter == null) {
            counter = Counter.builder("mlops.inference.requests")
                    .description("Predict and infer requests by HTTP status code")
                    .tags(modelTags.and("code", Integer.toString(code)))
                    .register(registry);
            requestsByCode[code] = counter; // a racing thread registers the same meter: the registry dedups
        }
        return counter;
    }
}
