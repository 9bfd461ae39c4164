package dev.seed.mlops.operator.inferenceservice;

import java.util.Optional;

/**
 * Where requests to an InferenceService go, decided by {@link RolloutPlanner} and handed to the serving pods through the
 * routing ConfigMap ({@link RoutingObjects}): the traffic Service reaches only the stable version's pods, which answer,
 * forward the canary's exact share to it, or mirror a share to it (docs/routing.md).
 *
 * @param stableAddress the stable version's Service (ClusterIP:port), where pods of other versions forward
 * @param canary        the replacement's route; absent when none runs or its Service has no address yet
 */
public record Routing(long stableVersion, String stableAddress, Optional<Route> canary, double agreementTolerance) {

    /**
     * @param weight percent of requests the canary answers
     * @param shadow percent of the requests the stable pods answer that are mirrored to the canary
     */
    public record Route(long version, String address, int weight, int shadow) {
        /** Whether a pod that reports this route applies the same split for the same version. */
        boolean sameSplit(long otherVersion, int otherWeight, int otherShadow) {
            return version == otherVersion && weight == otherWeight && shadow == otherShadow;
        }
    }
}
