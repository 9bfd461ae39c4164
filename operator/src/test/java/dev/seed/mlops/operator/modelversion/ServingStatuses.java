package dev.seed.mlops.operator.modelversion;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.ServingVersion;

/** The parts of InferenceService status that decide serving, as tests write them for ModelVersion names {@code <model>-v<N>}. */
public final class ServingStatuses {
    private ServingStatuses() {
    }

    public static ServingVersion stable(String modelVersion) {
        ServingVersion stable = new ServingVersion();
        stable.setModelVersion(modelVersion);
        stable.setVersion(number(modelVersion));
        return stable;
    }

    public static CanaryStatus canary(String modelVersion, int weight) {
        CanaryStatus canary = new CanaryStatus();
        canary.setModelVersion(modelVersion);
        canary.setVersion(number(modelVersion));
        canary.setWeight(weight);
        return canary;
    }

    public static RolloutRecord rollout(String outcome, long version, String reason, String time) {
        RolloutRecord record = new RolloutRecord();
        record.setVersion(version);
        record.setOutcome(outcome);
        record.setReason(reason);
        record.setTime(time);
        return record;
    }

    public static String model(String modelVersion) {
        return modelVersion.substring(0, modelVersion.lastIndexOf("-v"));
    }

    public static long number(String modelVersion) {
        return Long.parseLong(modelVersion.substring(modelVersion.lastIndexOf("-v") + 2));
    }
}
