package dev.seed.mlops.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an engineer looks at when the loop does not finish: every pod's status and logs (also of the container's
 * previous run), the events in time order, and the custom resources, written under one directory per failure.
 */
public final class ClusterDiagnostics {
    private ClusterDiagnostics() {
    }

    public static Path dump(KubernetesClient client, List<String> namespaces, List<Class<? extends HasMetadata>> kinds, Path dir) {
        try {
            Files.createDirectories(dir);
            for (String namespace : namespaces) {
                Path nsDir = Files.createDirectories(dir.resolve(namespace));
                for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                    Files.writeString(nsDir.resolve("pod-" + pod.getMetadata().getName() + ".yaml"), Serialization.asYaml(pod));
                    for (ContainerStatus container : containers(pod)) {
                        writeLog(client, namespace, pod, container, false, nsDir);
                        if (container.getRestartCount() != null && container.getRestartCount() > 0) {
                            writeLog(client, namespace, pod, container, true, nsDir);
                        }
                    }
                }
                Files.writeString(nsDir.resolve("events.txt"), events(client, namespace));
                for (Class<? extends HasMetadata> kind : kinds) {
                    Files.writeString(nsDir.resolve(kind.getSimpleName() + ".yaml"),
                            Serialization.asYaml(client.resources(kind).inNamespace(namespace).list().getItems()));
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[diagnostics] incomplete: " + e);
        }
        return dir;
    }

    private static List<ContainerStatus> containers(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null) {
            all.addAll(pod.getStatus().getInitContainerStatuses());
            all.addAll(pod.getStatus().getContainerStatuses());
        }
        return all;
    }

    private static void writeLog(KubernetesClient client, String namespace, Pod pod, ContainerStatus container, boolean previous,
            Path dir) throws IOException {
        String name = pod.getMetadata().getName() + "." + container.getName() + (previous ? ".previous" : "") + ".log";
        String log;
        try {
            var selected = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).inContainer(container.getName());
            log = previous ? selected.terminated().getLog() : selected.getLog();
        } catch (RuntimeException e) {
            log = "(no log: " + e.getMessage() + ")";
        }
        Files.writeString(dir.resolve(name), log == null ? "" : log);
    }

    private static String events(KubernetesClient client, String namespace) {
        StringBuilder text = new StringBuilder();
        client.v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(ClusterDiagnostics::time))
                .forEach(e -> text.append(time(e)).append(' ').append(e.getType()).append(' ')
                        .append(e.getInvolvedObject().getKind()).append('/').append(e.getInvolvedObject().getName()).append(' ')
                        .append(e.getReason()).append(": ").append(e.getMessage()).append('\n'));
        return text.toString();
    }

    private static String time(Event event) {
        String time = event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getEventTime() != null
                ? event.getEventTime().getTime() : event.getMetadata().getCreationTimestamp();
        return time == null ? "" : time;
    }
}
