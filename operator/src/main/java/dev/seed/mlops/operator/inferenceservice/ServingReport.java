package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.ConditionStatus;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.operator.common.Conditions;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The conditions, phase and URL an InferenceService's status shows, from the planned status and what the caches show. */
final class ServingReport {
    static final String NO_SERVABLE_VERSION = "NoServableVersion";
    static final String PINNED_VERSION_NOT_FOUND = "PinnedVersionNotFound";

    private ServingReport() {
    }

    static void write(InferenceService isvc, InferenceServiceStatus status, ServingObservation seen, Instant now, List<PlannedEvent> events) {
        long generation = isvc.getMetadata().getGeneration();
        status.setObservedGeneration(generation);
        Optional<String> previousReason = Optional.ofNullable(isvc.getStatus()).flatMap(s -> Conditions.find(s, Conditions.READY)).map(c -> c.getReason());
        if (status.getStable() == null) {
            String message = isvc.getSpec().getVersion() != null
                    ? "version " + isvc.getSpec().getVersion() + " of model " + isvc.getSpec().getModel() + " does not exist"
                    : "model " + isvc.getSpec().getModel() + " has no Validated version yet";
            status.setPhase("Pending");
            notReady(status, false, NO_SERVABLE_VERSION, message, generation, now, previousReason, events);
            return;
        }
        String ns = isvc.getMetadata().getNamespace();
        int ready = seen.ready(status.getStable().getVersion());
        status.getStable().setReadyReplicas(ready);
        status.setUrl("http://" + isvc.getMetadata().getName() + "." + ns + ".svc.cluster.local/v2/models/" + isvc.getSpec().getModel());
        boolean lastRolledBack = !status.getHistory().isEmpty() && RolloutOutcome.ROLLED_BACK.equals(status.getHistory().get(0).getOutcome());
        String stableName = status.getStable().getModelVersion();
        Long pin = isvc.getSpec().getVersion();
        boolean pinMissing = pin != null && seen.versions().stream().noneMatch(mv -> Objects.equals(mv.getSpec().getVersion(), pin));
        if (pinMissing) {
            notReady(status, true, PINNED_VERSION_NOT_FOUND, "pinned version " + pin + " of model " + isvc.getSpec().getModel()
                    + " does not exist; " + stableName + " keeps serving with " + ready + " ready pods", generation, now, previousReason, events);
        } else {
            Conditions.set(status, Conditions.READY, ready > 0 ? ConditionStatus.True : ConditionStatus.False,
                    ready > 0 ? "Serving" : "WaitingForPods", ready > 0 ? stableName + " serves with " + ready + " ready pods"
                            : "waiting for pods of " + stableName + " to load the model and pass readiness", generation, now);
        }
        CanaryStatus c = status.getCanary();
        if (c != null) {
            Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.True, "Canary", "canary " + c.getModelVersion() + " at step " + c.getStep()
                    + " (" + CanaryStateMachine.stepText(c) + (c.getServedWeight() == null || c.getWeight() == 0 ? "" : ", served " + c.getServedWeight() + "%") + "), "
                    + c.getFailures() + " failed measurements" + liveLabels(c), generation, now);
        } else {
            Conditions.set(status, Conditions.PROGRESSING, ConditionStatus.False, "Stable", "no replacement in progress", generation, now);
        }
        Conditions.set(status, Conditions.DEGRADED, lastRolledBack ? ConditionStatus.True : ConditionStatus.False,
                lastRolledBack ? "RolledBack" : "Healthy", lastRolledBack ? status.getHistory().get(0).getReason()
                        + "; publish a better version or pin one" : "the last replacement succeeded or none happened", generation, now);
        status.setPhase(c != null ? "Progressing" : ready == 0 || pinMissing ? "Pending" : lastRolledBack ? "Degraded" : "Ready");
    }

    /** Where the quality comparison on live labels stands, when analysis.quality asks for one. */
    private static String liveLabels(CanaryStatus c) {
        if (c.getQuality() == null) {
            return "";
        }
        return c.getAnalysis().stream().filter(r -> r.getQuality() != null).findFirst()
                .map(r -> "; live labels: " + r.getOutcome() + ", " + r.getMessage())
                .orElse("; live labels: the first quality comparison " + (c.getQuality().getJob() != null ? "is running" : "is due"));
    }

    /** Ready=False with a reason a human must act on; the event only when the reason is new. */
    private static void notReady(InferenceServiceStatus status, boolean warning, String reason, String message, long generation, Instant now,
            Optional<String> previousReason, List<PlannedEvent> events) {
        Conditions.set(status, Conditions.READY, ConditionStatus.False, reason, message, generation, now);
        if (!previousReason.equals(Optional.of(reason))) {
            events.add(new PlannedEvent(warning, EventReason.valueOf(reason), message));
        }
    }
}
