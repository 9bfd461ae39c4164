package dev.seed.mlops.serving.routing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.LongAdder;

/**
 * How this pod's inference requests were answered, cumulative since start:
 * {@code mlops_routing_requests_total{route=local|forwarded|fallback}}. Served weight over an interval is
 * Δforwarded / (Δlocal + Δforwarded + Δfallback).
 */
public final class RoutingCounters {

    private final LongAdder local = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder fallback = new LongAdder();

    RoutingCounters(MeterRegistry registry, Tags modelTags) {
        register(registry, modelTags, "local", local);
        register(registry, modelTags, "forwarded", forwarded);
        register(registry, modelTags, "fallback", fallback);
    }

    private static void register(MeterRegistry registry, Tags modelTags, String route, LongAdder count) {
        FunctionCounter.builder("mlops.routing.requests", count, LongAdder::sum)
                .description("Inference requests by how they were answered: locally, by the forward target,"
                        + " or locally after a failed forward")
                .tags(modelTags.and("route", route))
                .register(registry);
    }

    /** Answered here, as routed. */
    public void local() {
        local.increment();
    }

    /** Answered by the forward target. */
    public void forwarded() {
        forwarded.increment();
    }

    /** Meant for the forward target, answered here because the target failed. */
    public void fallback() {
        fallback.increment();
    }

    /** The routing endpoint's {@code requests}. */
    public Snapshot snapshot() {
        return new Snapshot(local.sum(), forwarded.sum(), fallback.sum());
    }

    public record Snapshot(long local, long forwarded, long fallback) {
    }
}
