package dev.seed.mlops.operator.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator only while this replica holds the Lease, and renews the Lease through a Kubernetes client and
 * threads of its own. JOSDK's leader election renews through the operator's client: at 1,000 InferenceServices the
 * renewals waited in that client behind the reconcile burst, the Lease was lost and the operator exited (issue 19).
 * Here no reconcile, informer or event shares the Lease's HTTP connection pool or its threads.
 *
 * <p>A replica waiting for the Lease starts no informers; it starts the operator (and lists everything) when it takes
 * the Lease over. Losing the Lease calls {@code onLost}, which must stop the process, as JOSDK does, so that two
 * replicas never reconcile at once.
 */
public final class LeaderElectedOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectedOperator.class);

    /**
     * Twice kube-controller-manager's timing (15 s lease, 10 s renew deadline, JOSDK's defaults too): starting at 1,000
     * InferenceServices on a loaded node, two renewals 18.3 s apart were measured while the informers listed 3,000
     * objects (docs/benchmarks/operator.md). A standby replica takes over a crashed leader after up to 30 s instead of
     * 15 s; a replica that stops gives the Lease up at once.
     */
    public record Lease(String name, String namespace, String identity, Duration duration, Duration renewDeadline, Duration retryPeriod) {
        public Lease(String name, String namespace, String identity) {
            this(name, namespace, identity, Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(2));
        }
    }

    private final KubernetesClient leaseClient;
    private final ExecutorService leaseThreads = Executors.newCachedThreadPool(daemon("operator-lease"));
    private final ExecutorService operatorStart = Executors.newSingleThreadExecutor(daemon("operator-start"));
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<?> election;

    private LeaderElectedOperator(Operator operator, Config clientConfig, Lease lease, Runnable onLost) {
        this.leaseClient = new KubernetesClientBuilder().withConfig(clientConfig).build();
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> lead(operator, lease, onLost),
                () -> lost(lease, onLost),
                leader -> LOG.info("Lease {}/{} is held by {}", lease.namespace(), lease.name(), leader));
        this.election = new LeaderElectorBuilder(leaseClient, leaseThreads)
                .withConfig(new LeaderElectionConfig(new LeaseLock(lease.namespace(), lease.name(), lease.identity()),
                        lease.duration(), lease.renewDeadline(), lease.retryPeriod(), callbacks, true, lease.name()))
                .build().start();
    }

    /**
     * @param clientConfig the operator's client configuration: the Lease's client is built from it, with its own pool
     * @param onLost       what stops the process when the Lease is lost
     */
    public static LeaderElectedOperator start(Operator operator, Config clientConfig, Lease lease, Runnable onLost) {
        return new LeaderElectedOperator(operator, clientConfig, lease, onLost);
    }

    /** True until this replica holds the Lease. */
    public boolean standingBy() {
        return !leading.get();
    }

    private void lead(Operator operator, Lease lease, Runnable onLost) {
        LOG.info("{} took Lease {}/{}; starting the operator", lease.identity(), lease.namespace(), lease.name());
        leading.set(true);
        // Off the Lease's threads: starting waits for every informer to sync, and the renewals must go on meanwhile.
        operatorStart.execute(() -> {
            try {
                operator.start();
            } catch (RuntimeException e) {
                LOG.error("The operator did not start", e);
                onLost.run();
            }
        });
    }

    private void lost(Lease lease, Runnable onLost) {
        if (closing.get()) {
            return;
        }
        LOG.info("{} lost Lease {}/{}; stopping", lease.identity(), lease.namespace(), lease.name());
        onLost.run();
    }

    /** Gives the Lease up (if held) and stops renewing it; the operator itself is stopped by its owner. */
    @Override
    public void close() {
        closing.set(true);
        election.cancel(true);
        leaseThreads.shutdown();
        operatorStart.shutdownNow();
        leaseClient.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
