package dev.seed.mlops.operator.drift;

import dev.seed.mlops.operator.common.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Which serving pods to ask for drift: the ready, running pods of one version of an InferenceService. */
public final class ServingPods {
    /** The inference server's HTTP port (the serving contract). */
    public static final int PORT = 8080;

    private ServingPods() {
    }

    public static java.util.List<String> readyAddresses(Collection<Pod> pods, String inferenceService, long version) {
        return pods.stream()
                .filter(pod -> servesVersion(pod, inferenceService, version))
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(ServingPods::ready)
                .map(pod -> pod.getStatus().getPodIP())
                .sorted()
                .toList();
    }

    public static boolean servesVersion(Pod pod, String inferenceService, long version) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return inferenceService.equals(labels.get(Labels.INFERENCE_SERVICE)) && String.valueOf(version).equals(labels.get(Labels.VERSION));
    }

    /** Ready means the model is loaded (the readiness probe); only such a pod has a window worth reading. */
    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isEmpty()
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && Objects.equals(pod.getStatus().getPhase(), "Running");
    }
}
