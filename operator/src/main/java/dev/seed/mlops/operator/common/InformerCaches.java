package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** Reads a reconciler's named informer event source as a cache of objects it does not own (Datasets, ModelVersions, ...). */
public final class InformerCaches {
    private InformerCaches() {
    }

    @SuppressWarnings("unchecked")
    public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> named(Context<P> context, String name, Class<R> type) {
        return (InformerEventSource<R, P>) context.eventSourceRetriever().getEventSourceFor(type, name);
    }
}
