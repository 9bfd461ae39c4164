package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Measurements taken off the reconcile threads. A reconcile asks for one with {@link #request}; it runs
 * asynchronously with a deadline, its result or failure is kept with the time it was taken, and the primary is
 * reconciled again through an inbound event source. A reconcile only ever reads what is already here, so it never
 * blocks on a pod or a Prometheus; a measurement that is late or missing is simply not here yet.
 *
 * @param <P> the primary resource the measurements are about
 * @param <K> what was asked for (e.g. the canary step), so a reading of an earlier question is never taken for an answer
 * @param <V> the measurement
 */
public final class Measurements<P extends HasMetadata, K, V> {
    private final SimpleInboundEventSource<P> source;
    private final Clock clock;
    private final Duration timeout;
    private final Map<ResourceID, Measured<K, V>> latest = new ConcurrentHashMap<>();
    private final Map<ResourceID, K> inFlight = new ConcurrentHashMap<>();

    /**
     * @param name    the event source's name, unique within the reconciler
     * @param timeout after which a measurement is recorded as failed
     */
    public Measurements(String name, Clock clock, Duration timeout) {
        this.source = new SimpleInboundEventSource<>(name);
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Register it in the reconciler's prepareEventSources: a finished measurement reconciles its primary. */
    public EventSource<Void, P> eventSource() {
        return source;
    }

    /**
     * Starts a measurement unless one is already running for this primary.
     *
     * @return whether one was started
     */
    public boolean request(ResourceID primary, K key, Supplier<CompletableFuture<V>> measurement) {
        if (inFlight.putIfAbsent(primary, key) != null) {
            return false;
        }
        Instant started = clock.instant();
        CompletableFuture<V> running;
        try {
            running = measurement.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            if (inFlight.get(primary) != key) {
                return; // the primary was forgotten meanwhile: keep nothing for it
            }
            latest.put(primary, new Measured<>(key, started, clock.instant(), Optional.ofNullable(error == null ? value : null),
                    Optional.ofNullable(error == null ? null : describe(error))));
            inFlight.remove(primary, key);
            source.propagateEvent(primary);
        });
        return true;
    }

    public boolean running(ResourceID primary) {
        return inFlight.containsKey(primary);
    }

    /** The newest finished measurement of this primary, whatever it was asked for. */
    public Optional<Measured<K, V>> latest(ResourceID primary) {
        return Optional.ofNullable(latest.get(primary));
    }

    /** Drops what is kept for a primary that is gone, and the result of a measurement still running for it. */
    public void forget(ResourceID primary) {
        inFlight.remove(primary);
        latest.remove(primary);
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TimeoutException ? "no answer within " + timeout.toSeconds() + " s" : Failures.message(cause);
    }

    /**
     * One finished measurement.
     *
     * @param value present when it succeeded
     * @param error present when it failed: what went wrong, for status
     */
    public record Measured<K, V>(K key, Instant startedAt, Instant finishedAt, Optional<V> value, Optional<String> error) {
    }
}
