package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** mlops_modelversion_info{namespace,model,version,stage} = 1 for every version; the series moves when the stage does. */
public class ModelVersionMetrics {
    private final MeterRegistry registry;
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public ModelVersionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(ModelVersion modelVersion, ModelStage stage) {
        Tags tags = Tags.of("namespace", modelVersion.getMetadata().getNamespace(), "model", modelVersion.getSpec().getModel(),
                "version", String.valueOf(modelVersion.getSpec().getVersion()), "stage", stage.name());
        gauges.compute(key(modelVersion), (key, existing) -> {
            if (existing != null && existing.getId().getTags().equals(tags.stream().sorted().toList())) {
                return existing;
            }
            if (existing != null) {
                registry.remove(existing);
            }
            return Gauge.builder("mlops.modelversion.info", () -> 1).description("One series per ModelVersion, labelled with its stage")
                    .tags(tags).register(registry);
        });
    }

    void forget(ModelVersion modelVersion) {
        Gauge gauge = gauges.remove(key(modelVersion));
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    private static String key(ModelVersion modelVersion) {
        return modelVersion.getMetadata().getNamespace() + "/" + modelVersion.getMetadata().getName();
    }
}
