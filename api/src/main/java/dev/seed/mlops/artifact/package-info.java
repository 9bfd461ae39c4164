/**
 * The model-artifact contract shared by the trainer, the inference server and the operator:
 * {@code <store>/models/<model>/<version>/} holds manifest.json, the model file and profile.json;
 * a prepare or train Job reports a {@link dev.seed.mlops.artifact.JobResult} in its termination message.
 */
package dev.seed.mlops.artifact;
