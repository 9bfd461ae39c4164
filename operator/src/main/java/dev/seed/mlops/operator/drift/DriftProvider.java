package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftMetric;

/** Where drift scores come from: the serving pods themselves, or a Prometheus that scrapes them. */
public interface DriftProvider {

    /**
     * Scores of the target's serving version in {@code metric}.
     *
     * @throws DriftProviderException when the scores cannot be read; the message says what failed and what to check
     */
    DriftReading read(DriftTarget target, DriftMetric metric) throws DriftProviderException;
}
