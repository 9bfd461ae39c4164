package dev.seed.mlops.operator.drift;

import java.util.List;

/**
 * What to measure: the stable version of an InferenceService.
 *
 * @param model        the model name the serving pods serve it under
 * @param version      the serving version
 * @param podAddresses IPs of the ready serving pods of that version (from the pod cache)
 */
public record DriftTarget(String namespace, String inferenceService, String model, long version, List<String> podAddresses) {
    public DriftTarget {
        podAddresses = List.copyOf(podAddresses);
    }

    public String describe() {
        return "InferenceService " + inferenceService + " (" + model + " v" + version + ")";
    }
}
