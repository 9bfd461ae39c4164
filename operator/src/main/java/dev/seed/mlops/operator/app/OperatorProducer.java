package dev.seed.mlops.operator.app;

import dev.seed.mlops.operator.MlopsOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/** Wires the Java Operator SDK into Quarkus: one Operator, started with the application and stopped with it. */
@ApplicationScoped
public class OperatorProducer {

    @Produces
    @Singleton
    Operator operator(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        Optional<LeaderElectionConfiguration> leaderElection = config.leaderElection().enabled()
                ? Optional.of(config.leaderElection().leaseNamespace()
                        .map(ns -> new LeaderElectionConfiguration(config.leaderElection().leaseName(), ns))
                        .orElseGet(() -> new LeaderElectionConfiguration(config.leaderElection().leaseName())))
                : Optional.empty();
        return MlopsOperator.create(client, config.settings(), registry, Clock.systemUTC(), leaderElection);
    }

    void start(@Observes StartupEvent event, Operator operator) {
        operator.start();
    }

    void stop(@Observes ShutdownEvent event, Operator operator) {
        operator.stop();
    }
}
