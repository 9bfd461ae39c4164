/**
 * Reading tabular files, shared by the trainer (prepare, train) and the inference server's batch shards, so that both
 * read a CSV file alike. No Kubernetes, no model code.
 */
package dev.seed.mlops.tabular;
