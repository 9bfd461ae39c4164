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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
    /** Starts the measurements asked for ahead; a start only begins one (non-blocking I/O), so one thread serves all. */
    private static final ScheduledThreadPoolExecutor STARTS = starts();

    private final SimpleInboundEventSource<P> source;
    private final Clock clock;
    private final Duration timeout;
    private final Map<ResourceID, Measured<K, V>> latest = new ConcurrentHashMap<>();
    private final Map<ResourceID, K> inFlight = new ConcurrentHashMap<>();
    private final Map<ResourceID, Pending> pending = new ConcurrentHashMap<>();

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
        return request(primary, key, clock.instant(), measurement);
    }

    /**
     * Asks for a measurement to start at {@code startAt} (at once if that has passed), without a reconcile then: a
     * planner that knows when its next measurement is due asks for it ahead, and its primary is reconciled once, when
     * the result is back. A later request replaces one that has not started yet (so the newest observation is what
     * is measured); nothing starts while a measurement of this primary runs.
     *
     * @return whether one was started or scheduled
     */
    public boolean request(ResourceID primary, K key, Instant startAt, Supplier<CompletableFuture<V>> measurement) {
        if (inFlight.containsKey(primary)) {
            return false;
        }
        long delay = Duration.between(clock.instant(), startAt).toMillis();
        if (delay <= 0) {
            withdraw(primary);
            return start(primary, key, measurement);
        }
        Pending ahead = new Pending();
        Optional.ofNullable(pending.put(primary, ahead)).ifPresent(Pending::cancel);
        ahead.start = STARTS.schedule(() -> {
            if (pending.remove(primary, ahead)) {
                start(primary, key, measurement);
            }
        }, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    /** Withdraws a measurement asked for ahead that has not started; one that runs goes on. */
    public void withdraw(ResourceID primary) {
        Optional.ofNullable(pending.remove(primary)).ifPresent(Pending::cancel);
    }

    private boolean start(ResourceID primary, K key, Supplier<CompletableFuture<V>> measurement) {
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
        running.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
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
        withdraw(primary);
        inFlight.remove(primary);
        latest.remove(primary);
    }

    private static ScheduledThreadPoolExecutor starts() {
        ScheduledThreadPoolExecutor starts = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "measurement-starts");
            thread.setDaemon(true);
            return thread;
        });
        starts.setRemoveOnCancelPolicy(true); // a replaced start leaves nothing behind
        return starts;
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TimeoutException ? "no answer within " + timeout.toSeconds() + " s" : Failures.message(cause);
    }

    /** A measurement asked for ahead, not started yet. */
    private static final class Pending {
        volatile ScheduledFuture<?> start;

        void cancel() {
            // Unset only while its request is still scheduling it: then the start finds itself replaced and does nothing.
            Optional.ofNullable(start).ifPresent(future -> future.cancel(false));
        }
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
