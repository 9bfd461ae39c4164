package dev.seed.mlops.operator.app;

import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the operator has started and its informers are healthy (a replica waiting for the Lease runs none). */
@Readiness
@ApplicationScoped
public class OperatorHealth implements HealthCheck {
    @Inject
    Operator operator;

    @Override
    public HealthCheckResponse call() {
        var runtime = operator.getRuntimeInfo();
        boolean ready = runtime.isStarted() && runtime.allEventSourcesAreHealthy();
        return HealthCheckResponse.named("operator").status(ready)
                .withData("unhealthyEventSources", runtime.unhealthyEventSources().entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey() + ":" + e.getValue().keySet()).toList().toString())
                .build();
    }
}
