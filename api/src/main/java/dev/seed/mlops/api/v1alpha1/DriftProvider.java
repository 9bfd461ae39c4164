package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class DriftProvider {
    @JsonPropertyDescription("Read the serving pods' mlops_feature_drift gauges from a Prometheus server instead of their drift reports. Prometheus cannot pool the pods' windows: each pod is judged on its own window and needs minSamples rows itself.")
    private PrometheusProvider prometheus;

    public PrometheusProvider getPrometheus() {
        return prometheus;
    }

    public void setPrometheus(PrometheusProvider prometheus) {
        this.prometheus = prometheus;
    }

    public static class PrometheusProvider {
        @Required
        @Size(max = 2048)
        @ValidationRule(value = "self.matches('^https?://[^/\\\\s]+(/[^\\\\s]*)?$')", message = "prometheus.address must be an http:// or https:// URL")
        @JsonPropertyDescription("Base URL of the Prometheus query API, e.g. http://prometheus.monitoring:9090.")
        private String address;

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }
    }
}
