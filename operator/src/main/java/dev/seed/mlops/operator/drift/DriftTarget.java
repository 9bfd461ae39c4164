package dev.seed.mlops.operator.drift;

import java.util.List;

/**
 * What to measure: the stable version of an InferenceService.
 *
 * @param model        the model name the serving pods serve it under
 * @param version      the serving version
 * @param podAddresses IPs of the ready serving pods of that version (from the pod cache)
 * @param minSamples   the fewest rows a score may rest on (the policy's minSamples); a provider that cannot pool the
 *                     pods' windows scores only the windows that hold this many rows themselves
 */
public record DriftTarget(String namespace, String inferenceService, String model, long version, List<String> podAddresses,
        long minSamples) {
    public DriftTarget {
        podAddresses = List.copyOf(podAddresses);
    }

    public String describe() {
        return "InferenceService " + inferenceService + " (" + model + " v" + version + ")";
    }
}
