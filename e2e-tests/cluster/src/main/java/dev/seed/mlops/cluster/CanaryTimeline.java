package dev.seed.mlops.cluster;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an InferenceService's canary was doing over time, read from its status every second: its version, step, split
 * and the share served. From it, the windows in which a step's split was in force, to compare with what the clients
 * counted in them.
 */
public final class CanaryTimeline implements AutoCloseable {
    /** One reading of status.canary. */
    record Seen(Instant at, long version, int step, int weight, int shadow, Integer servedWeight) {
    }

    /**
     * A step's split in force from the first reading that showed a measured share at that step (its routing was applied
     * by every stable pod when the interval began) to the last reading at that step. A shadow step's window is the whole
     * step: the canary answers no client at any moment of it, whether or not the mirroring has started.
     */
    public record StepWindow(long version, int step, int weight, int shadow, Instant from, Instant to) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public CanaryTimeline(KubernetesClient client, String namespace, String name) {
        poller = new Thread(() -> {
            while (running) {
                try {
                    InferenceService isvc = client.resources(InferenceService.class).inNamespace(namespace).withName(name).get();
                    CanaryStatus c = isvc == null || isvc.getStatus() == null ? null : isvc.getStatus().getCanary();
                    if (c != null && c.getStep() != null) {
                        seen.add(new Seen(Instant.now(), c.getVersion(), c.getStep(), c.getWeight(), c.getShadow() == null ? 0 : c.getShadow(),
                                c.getServedWeight()));
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the API server was briefly unreachable: the next reading comes a second later
                }
            }
        }, "canary-timeline-" + name);
        poller.setDaemon(true);
        poller.start();
    }

    /** The windows of each step of a version's canary, in order. */
    public List<StepWindow> windows(long version) {
        List<StepWindow> windows = new ArrayList<>();
        Seen first = null;
        Seen last = null;
        for (Seen s : seen) {
            if (s.version() != version) {
                continue;
            }
            if (last != null && s.step() != last.step()) {
                add(windows, first, last);
                first = null;
            }
            if (first == null && (s.servedWeight() != null || s.weight() == 0)) {
                first = s;
            }
            last = s;
        }
        add(windows, first, last);
        return windows;
    }

    private static void add(List<StepWindow> windows, Seen first, Seen last) {
        if (first != null && last != null && first.step() == last.step() && last.at().isAfter(first.at())) {
            windows.add(new StepWindow(first.version(), first.step(), first.weight(), first.shadow(), first.at(), last.at()));
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
