package dev.seed.mlops.operator.drift;

import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.StatusSkeleton;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A check that changed nothing a user reads (phase, conditions, scores, samples, breaches, retrains) is not written:
 * only its schedule ({@code lastEvaluated}, {@code nextEvaluation}) moved. Writing it cost a status patch per policy per
 * {@code checkInterval}, each also waking the InferenceService controller (14 % of a core idle at 100 policies, issue
 * 19). The schedule still moves on: the unwritten status is planned from while the policy is unchanged (the same
 * resourceVersion); a write or an edit supersedes it, and an operator restarted without it checks at once.
 */
final class UnwrittenStatuses {
    private record Unwritten(String resourceVersion, DriftPolicyStatus status) {
    }

    private final Map<String, Unwritten> byUid = new ConcurrentHashMap<>();

    /** The status to plan from: the unwritten one while the policy is as it was read then, else the policy's own. */
    DriftPolicyStatus current(DriftPolicy policy) {
        Unwritten unwritten = byUid.get(policy.getMetadata().getUid());
        return unwritten != null && unwritten.resourceVersion().equals(policy.getMetadata().getResourceVersion())
                ? unwritten.status() : policy.getStatus();
    }

    /** Patches the planned status if a field a user reads changed; keeps it unwritten if only the schedule moved. */
    UpdateControl<DriftPolicy> write(DriftPolicy policy, DriftPolicyStatus planned) {
        String uid = policy.getMetadata().getUid();
        if (policy.getStatus() != null && StatusCopies.same(withoutSchedule(planned), withoutSchedule(policy.getStatus()))) {
            byUid.put(uid, new Unwritten(policy.getMetadata().getResourceVersion(), planned));
            return UpdateControl.noUpdate();
        }
        byUid.remove(uid);
        return StatusSkeleton.patchIfChanged(policy, planned);
    }

    void forget(DriftPolicy policy) {
        byUid.remove(policy.getMetadata().getUid());
    }

    private static DriftPolicyStatus withoutSchedule(DriftPolicyStatus status) {
        DriftPolicyStatus copy = StatusCopies.copyOrNew(status, DriftPolicyStatus.class, DriftPolicyStatus::new);
        copy.setLastEvaluated(null);
        copy.setNextEvaluation(null);
        return copy;
    }
}
