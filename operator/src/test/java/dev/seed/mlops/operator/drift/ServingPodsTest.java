package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.operator.common.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServingPodsTest {

    @Test
    void onlyReadyRunningPodsOfTheVersionAreAsked() {
        List<Pod> pods = List.of(
                pod("a", "credit", "1", "10.0.0.2", "Running", "True", false),
                pod("b", "credit", "1", "10.0.0.1", "Running", "True", false),
                pod("not-ready", "credit", "1", "10.0.0.3", "Running", "False", false),
                pod("canary", "credit", "2", "10.0.0.4", "Running", "True", false),
                pod("other-service", "other", "1", "10.0.0.5", "Running", "True", false),
                pod("terminating", "credit", "1", "10.0.0.6", "Running", "True", true),
                pod("no-ip", "credit", "1", null, "Pending", "False", false));

        assertThat(ServingPods.readyAddresses(pods, "credit", 1)).containsExactly("10.0.0.1", "10.0.0.2");
    }

    private static Pod pod(String name, String isvc, String version, String ip, String phase, String ready, boolean terminating) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of(Labels.INFERENCE_SERVICE, isvc, Labels.VERSION, version))
                    .withDeletionTimestamp(terminating ? "2026-01-01T00:00:00Z" : null).endMetadata()
                .withNewStatus().withPodIP(ip).withPhase(phase).addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus()
                .build();
    }
}
