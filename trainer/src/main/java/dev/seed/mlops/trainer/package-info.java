/**
 * The program that prepare and training Jobs run.
 *
 * <p>{@code source} reads a Dataset's bytes (files on a mounted PVC, https); {@code data} parses CSV into
 * typed columns; {@code prepare} validates, splits and profiles a source into an immutable snapshot;
 * {@code train} trains XGBoost on a snapshot and writes a model artifact; {@code evaluate} computes the
 * test-split metrics; {@code store} lays out and atomically publishes snapshots and artifacts;
 * {@code cli} is the command line and the Job result.
 */
package dev.seed.mlops.trainer;
