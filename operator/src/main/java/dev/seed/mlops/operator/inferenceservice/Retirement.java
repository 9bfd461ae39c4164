package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.RetireSpec;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What becomes of Deployments of versions that no longer serve. A canary that ended without promotion is deleted; a
 * promoted-away version is scaled to zero and kept for a fast manual rollback — the newest retire.keepPrevious of
 * them, each for retire.deleteAfter. Nothing is touched while the serving versions are not fully ready, so no request
 * meets an empty Service.
 *
 * @param nextExpiry when a kept Deployment is due for deletion, to come back then
 */
record Retirement(Set<Long> delete, Set<Long> scaleToZero, Optional<Instant> nextExpiry) {
    static final Retirement NOTHING = new Retirement(Set.of(), Set.of(), Optional.empty());

    static Retirement of(InferenceServiceStatus status, Collection<Workload> workloads, Set<Long> serving, RetireSpec retire, Instant now) {
        List<Workload> others = workloads.stream().filter(w -> !serving.contains(w.version()))
                .sorted(Comparator.comparingLong(Workload::version).reversed()).toList();
        Set<Long> delete = new HashSet<>();
        Set<Long> zero = new HashSet<>();
        Optional<Instant> nextExpiry = Optional.empty();
        int kept = 0;
        for (Workload workload : others) {
            Optional<Instant> expiry = replacedAt(status, workload.version()).map(at -> at.plus(Durations.parse(retire.getDeleteAfter())));
            boolean expired = expiry.map(at -> !now.isBefore(at)).orElse(false);
            if (!promotedAway(status, workload.version()) || kept >= retire.getKeepPrevious() || expired) {
                delete.add(workload.version());
                continue;
            }
            kept++;
            nextExpiry = earliest(nextExpiry, expiry);
            if (workload.replicas() == null || workload.replicas() != 0) {
                zero.add(workload.version());
            }
        }
        return new Retirement(delete, zero, nextExpiry);
    }

    /** Served as the stable version once and then replaced: not a canary that ended without promotion. */
    private static boolean promotedAway(InferenceServiceStatus status, long version) {
        Optional<RolloutRecord> last = status.getHistory().stream().filter(r -> Objects.equals(r.getVersion(), version)).findFirst();
        return last.isEmpty() || RolloutOutcome.PROMOTED.equals(last.get().getOutcome());
    }

    /** When a newer version was promoted over this one: the oldest promotion above it in the history. */
    private static Optional<Instant> replacedAt(InferenceServiceStatus status, long version) {
        return status.getHistory().stream()
                .filter(r -> RolloutOutcome.PROMOTED.equals(r.getOutcome()) && r.getVersion() != null && r.getVersion() > version)
                .map(r -> Timestamps.parse(r.getTime()))
                .min(Comparator.naturalOrder());
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }
}
