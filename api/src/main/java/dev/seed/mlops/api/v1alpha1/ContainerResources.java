package dev.seed.mlops.api.v1alpha1;

import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * The compute resources of a container the operator runs (serving pods, training and batch Jobs), checked at
 * admission: the API server refuses a malformed cpu, memory, ephemeral-storage or nvidia.com/gpu quantity and a
 * request above its limit, where a Pod would only fail later.
 */
@ValidationRule(value = ApiGroup.CPU_QUANTITY_RULE, message = ApiGroup.CPU_QUANTITY_MESSAGE)
@ValidationRule(value = ApiGroup.MEMORY_QUANTITY_RULE, message = ApiGroup.MEMORY_QUANTITY_MESSAGE)
@ValidationRule(value = ApiGroup.STORAGE_QUANTITY_RULE, message = ApiGroup.STORAGE_QUANTITY_MESSAGE)
@ValidationRule(value = ApiGroup.GPU_QUANTITY_RULE, message = ApiGroup.GPU_QUANTITY_MESSAGE)
@ValidationRule(value = ApiGroup.CPU_WITHIN_LIMIT_RULE, message = ApiGroup.CPU_WITHIN_LIMIT_MESSAGE)
@ValidationRule(value = ApiGroup.MEMORY_WITHIN_LIMIT_RULE, message = ApiGroup.MEMORY_WITHIN_LIMIT_MESSAGE)
@ValidationRule(value = ApiGroup.STORAGE_WITHIN_LIMIT_RULE, message = ApiGroup.STORAGE_WITHIN_LIMIT_MESSAGE)
@ValidationRule(value = ApiGroup.GPU_WITHIN_LIMIT_RULE, message = ApiGroup.GPU_WITHIN_LIMIT_MESSAGE)
public class ContainerResources extends ResourceRequirements {
}
