package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.EventSourceManager;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import java.time.Duration;

/** Reads a reconciler's named informer event source as a cache of objects it does not own (Datasets, ModelVersions, ...). */
public final class InformerCaches {
    /** How soon a reconcile whose caches could not vouch for what it read looks again: a source syncs within seconds. */
    public static final Duration UNTIL_THEY_VOUCH = Duration.ofSeconds(5);

    private InformerCaches() {
    }

    @SuppressWarnings("unchecked")
    public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> named(Context<P> context, String name, Class<R> type) {
        return (InformerEventSource<R, P>) context.eventSourceRetriever().getEventSourceFor(type, name);
    }

    /**
     * Whether every informer cache of this reconciler can vouch for what a reconcile read from it, absences included;
     * asked after reading. A cache cannot in two cases, and in both a child that exists reads as gone: JOSDK stops a
     * controller by turning each source off and then clearing it while reconciles already running go on (on shutdown,
     * and when this replica loses the Lease); and a source whose first list outlived the sync timeout starts unsynced
     * (the operator starts anyway: {@code withStopOnInformerErrorDuringStartup(false)}). A source is turned off before it
     * is cleared, so a check made after reading sees any clearing that happened before or during the read.
     */
    public static boolean vouchFor(Context<?> context) {
        // JOSDK's context retrieves from the controller's EventSourceManager, the one place that lists every source.
        return ((EventSourceManager<?>) context.eventSourceRetriever()).allEventSourcesStream()
                .filter(ManagedInformerEventSource.class::isInstance)
                .map(ManagedInformerEventSource.class::cast)
                .allMatch(source -> source.isRunning() && source.getStatus() == Status.HEALTHY);
    }
}
