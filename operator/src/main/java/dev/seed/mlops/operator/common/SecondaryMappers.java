package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.Set;

/** Maps objects the operator labelled back to the custom resource they belong to. */
public final class SecondaryMappers {
    private SecondaryMappers() {
    }

    public static <R extends HasMetadata> SecondaryToPrimaryMapper<R> fromLabel(String label) {
        return resource -> {
            String owner = resource.getMetadata().getLabels() == null ? null : resource.getMetadata().getLabels().get(label);
            return owner == null ? Set.of() : Set.of(new ResourceID(owner, resource.getMetadata().getNamespace()));
        };
    }
}
