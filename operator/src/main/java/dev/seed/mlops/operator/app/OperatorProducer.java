package dev.seed.mlops.operator.app;

import dev.seed.mlops.operator.MlopsOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Wires the Java Operator SDK into Quarkus: one Operator, started with the application (or, with leader election, once
 * this replica holds the Lease: {@link LeaderElectedOperator}) and stopped with it.
 */
@ApplicationScoped
public class OperatorProducer {
    private volatile LeaderElectedOperator leaderElected;

    @Produces
    @Singleton
    Operator operator(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        // JOSDK's own leader election is not used: it would renew the Lease through this client (LeaderElectedOperator).
        return MlopsOperator.create(client, config.settings(), registry, Clock.systemUTC());
    }

    void start(@Observes StartupEvent event, Operator operator, OperatorConfig config, KubernetesClient client) {
        if (config.leaderElection().enabled()) {
            leaderElected = LeaderElectedOperator.start(operator, client.getConfiguration(), lease(config, client),
                    () -> Quarkus.asyncExit(1));
        } else {
            operator.start();
        }
    }

    void stop(@Observes ShutdownEvent event, Operator operator) {
        if (leaderElected != null) {
            leaderElected.close();
        }
        operator.stop();
    }

    /** True while this replica waits for the Lease (and so runs no informers). */
    boolean standingBy() {
        return leaderElected != null && leaderElected.standingBy();
    }

    private static LeaderElectedOperator.Lease lease(OperatorConfig config, KubernetesClient client) {
        String namespace = config.leaderElection().leaseNamespace().orElse(client.getConfiguration().getNamespace());
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalStateException("The Lease's namespace is not set and the operator's own namespace is unknown: "
                    + "set MLOPS_LEADER_ELECTION_LEASE_NAMESPACE");
        }
        String identity = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
                .orElseGet(() -> UUID.randomUUID().toString());
        return new LeaderElectedOperator.Lease(config.leaderElection().leaseName(), namespace, identity);
    }
}
