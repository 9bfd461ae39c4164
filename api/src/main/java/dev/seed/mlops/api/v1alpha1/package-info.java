/**
 * The mlops.seed.dev/v1alpha1 API: five custom resources, each a thin class with a spec and a status POJO.
 * Constraints, defaults and descriptions live here as annotations so that the generated CRDs carry them.
 */
package dev.seed.mlops.api.v1alpha1;
