package dev.seed.mlops.operator.app;

import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the operator has started and its informers are healthy, or while this replica waits for the Lease (it runs
 * no informers then, and is ready to take over).
 */
@Readiness
@ApplicationScoped
public class OperatorHealth implements HealthCheck {
    @Inject
    Operator operator;
    @Inject
    OperatorProducer lifecycle;

    @Override
    public HealthCheckResponse call() {
        if (lifecycle.standingBy()) {
            return HealthCheckResponse.named("operator").up().withData("lease", "waiting").build();
        }
        var runtime = operator.getRuntimeInfo();
        boolean ready = runtime.isStarted() && runtime.allEventSourcesAreHealthy();
        return HealthCheckResponse.named("operator").status(ready)
                .withData("unhealthyEventSources", runtime.unhealthyEventSources().entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey() + ":" + e.getValue().keySet()).toList().toString())
                .build();
    }
}
