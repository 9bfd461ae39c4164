package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftMetric;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Where drift scores come from: the serving pods themselves, or a Prometheus that scrapes them. */
public interface DriftProvider {

    /**
     * Scores of the target's serving version in {@code metric}; blocks until they are read.
     *
     * @throws DriftProviderException when the scores cannot be read; the message says what failed and what to check
     */
    DriftReading read(DriftTarget target, DriftMetric metric) throws DriftProviderException;

    /**
     * The same reading without blocking the caller: what a reconcile asks for. The built-in providers use
     * non-blocking HTTP; a provider that only implements {@link #read} runs on {@code executor}.
     */
    default CompletableFuture<DriftReading> readAsync(DriftTarget target, DriftMetric metric, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(target, metric);
            } catch (DriftProviderException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** Waits for an asynchronous reading, for {@link #read} of a provider whose real work is {@link #readAsync}. */
    static DriftReading await(CompletableFuture<DriftReading> reading) throws DriftProviderException {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DriftProviderException failed) {
                throw failed;
            }
            throw new DriftProviderException(e.getCause() == null ? e.getMessage() : String.valueOf(e.getCause().getMessage()), e);
        }
    }
}
