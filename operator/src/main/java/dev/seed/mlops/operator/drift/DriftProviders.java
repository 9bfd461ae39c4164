package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import java.net.http.HttpClient;
import java.time.Duration;

/** Picks the provider a DriftPolicy asks for. Tests pass their own to drive the loop through the interface. */
@FunctionalInterface
public interface DriftProviders {

    DriftProvider forPolicy(DriftPolicy policy);

    /** HTTP to the serving pods' drift endpoint, or the Prometheus query API when spec.provider.prometheus is set. */
    static DriftProviders builtIn() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        DriftProvider pods = new HttpDriftProvider(http, ServingPods.PORT, Duration.ofSeconds(5));
        return policy -> {
            var provider = policy.getSpec().getProvider();
            if (provider != null && provider.getPrometheus() != null) {
                return new PrometheusDriftProvider(http, provider.getPrometheus().getAddress(), Duration.ofSeconds(10));
            }
            return pods;
        };
    }
}
