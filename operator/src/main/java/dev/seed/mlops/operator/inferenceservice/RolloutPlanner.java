package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.CanaryStrategy;
import dev.seed.mlops.api.v1alpha1.DriftPolicy;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.api.v1alpha1.RetireSpec;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.api.v1alpha1.ServingVersion;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.drift.RetrainCause;
import dev.seed.mlops.operator.common.Measurements.Measured;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.inferenceservice.ServingPlan.Serve;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every decision about what an InferenceService serves, as a pure function of its spec and status, what the caches
 * show and the time: which version is stable, when a canary starts, is measured, advances, is promoted or rolled back,
 * how many pods each version runs (surge first), and what happens to versions that no longer serve.
 */
public final class RolloutPlanner {
    static final int HISTORY = 20;
    private static final Duration SOON = Duration.ofSeconds(1);

    private final InferenceService isvc;
    private final ServingObservation seen;
    private final Instant now;
    private final InferenceServiceStatus status;
    private final List<PlannedEvent> events = new ArrayList<>();
    private Optional<String> rolloutEnded = Optional.empty();
    private Optional<CanaryKey> measure = Optional.empty();
    private Optional<CanaryQuality.Order> qualityJob = Optional.empty();
    private Optional<Duration> requeue = Optional.empty();
    /** Pods of a replacement that ended in this pass: the stable version keeps them until the HPA takes over next pass. */
    private Integer endedReplicas;

    private RolloutPlanner(InferenceService isvc, ServingObservation seen, Instant now) {
        this.isvc = isvc;
        this.seen = seen;
        this.now = now;
        this.status = StatusCopies.copyOrNew(isvc.getStatus(), InferenceServiceStatus.class, InferenceServiceStatus::new);
    }

    public static ServingPlan plan(InferenceService isvc, ServingObservation seen, Instant now) {
        return new RolloutPlanner(isvc, seen, now).plan();
    }

    private ServingPlan plan() {
        upgradeCanaryStatus();
        Optional<ModelVersion> target = VersionResolver.target(withStatus(), seen.versions());
        if (status.getStable() == null) {
            if (target.isEmpty()) {
                return finish(List.of(), Retirement.NOTHING, false);
            }
            status.setStable(serving(target.get()));
            event(false, EventReason.ServingStarted, "serving " + target.get().getMetadata().getName());
        }
        if (status.getCanary() != null && !target.map(t -> t.getMetadata().getName().equals(status.getCanary().getModelVersion())).orElse(false)) {
            end(RolloutOutcome.SUPERSEDED, "canary v" + status.getCanary().getVersion() + " stopped: "
                    + target.map(t -> "the target is now " + t.getMetadata().getName()).orElse("its version is no longer a target"));
        }
        if (status.getCanary() == null && target.isPresent() && !target.get().getMetadata().getName().equals(status.getStable().getModelVersion())) {
            startCanary(target.get());
        }
        if (status.getCanary() != null) {
            progressCanary();
        }
        return finish(serve(), retirement(), isvc.getSpec().getAutoscaling() != null && status.getCanary() == null && endedReplicas == null);
    }

    /** A canary started by an older operator has no replicas and may lack counters: resume it with the service's total. */
    private void upgradeCanaryStatus() {
        CanaryStatus canary = status.getCanary();
        if (canary == null) {
            return;
        }
        if (canary.getReplicas() == null) {
            canary.setReplicas(total());
        }
        if (canary.getFailures() == null) {
            canary.setFailures(0);
        }
        if (canary.getStep() == null || canary.getStep() >= strategy().getSteps().size()) {
            CanaryStateMachine.enter(canary, strategy().getSteps().size() - 1, strategy().getSteps().get(strategy().getSteps().size() - 1));
        }
        if (canary.getStepStartedAt() == null) {
            canary.setStepStartedAt(Timestamps.format(now));
        }
    }

    private void startCanary(ModelVersion target) {
        int replicas = Math.max(total(), isvc.getSpec().getAutoscaling() == null ? 0
                : Optional.ofNullable(seen.workloads().get(status.getStable().getVersion())).map(Workload::replicas).orElse(0));
        status.setCanary(CanaryStateMachine.start(target.getSpec().getVersion(), target.getMetadata().getName(), strategy().getSteps(), replicas, now));
        event(false, EventReason.CanaryStarted, "replacing v" + status.getStable().getVersion() + " with " + target.getMetadata().getName()
                + " through a canary at " + CanaryStateMachine.stepText(status.getCanary()));
    }

    private void progressCanary() {
        CanaryStatus canary = status.getCanary();
        compareQuality(canary); // the quality Jobs read the store, not the pods: followed whether or not the step's pods are ready
        if (canary.getFailures() > strategy().getAnalysis().getFailureLimit()) {
            rollBack(CanaryStateMachine.rollbackReason(canary));
            return;
        }
        int wanted = Replicas.canary(canary.getReplicas(), CanaryStateMachine.share(canary));
        int ready = seen.ready(canary.getVersion());
        Instant stepStarted = Timestamps.parse(canary.getStepStartedAt());
        if (ready < wanted) {
            Instant deadline = stepStarted.plus(Durations.parse(strategy().getProgressDeadline()));
            if (!now.isBefore(deadline)) {
                rollBack(String.format("canary v%d rolled back at step %d (%s): %d of %d pods ready after progressDeadline %s; check its pods (kubectl describe pods -l mlops.seed.dev/version=%d)",
                        canary.getVersion(), canary.getStep(), CanaryStateMachine.stepText(canary), ready, wanted, strategy().getProgressDeadline(), canary.getVersion()));
                return;
            }
            soon(Duration.between(now, deadline));
            return;
        }
        if (seen.ready(status.getStable().getVersion()) == 0 || seen.address(canary.getVersion()).isEmpty()) {
            soon(SOON); // the stable pods route: without one, or without the canary's Service address, nothing reaches the canary
            return;
        }
        CanaryKey key = CanaryStateMachine.key(canary);
        judgeLatest(canary, key);
        switch (CanaryStateMachine.decide(canary, strategy().getSteps(), strategy().getAnalysis(), now)) {
            case Hold -> askForMeasurement(canary, key, stepStarted);
            case Advance -> {
                event(false, EventReason.CanaryStepAdvanced, "canary v" + canary.getVersion() + " at step " + canary.getStep() + ": "
                        + CanaryStateMachine.stepText(canary) + passSummary(canary));
                soon(SOON);
            }
            case Promote -> promote();
            case Rollback -> rollBack(CanaryStateMachine.rollbackReason(canary));
        }
    }

    /** Judges the latest reading when it was taken for this step and is not in status yet. */
    private void judgeLatest(CanaryStatus canary, CanaryKey key) {
        Optional<Measured<CanaryKey, CanaryReading>> latest = seen.measurement().filter(m -> m.key().equals(key));
        if (latest.isEmpty()) {
            return;
        }
        Measured<CanaryKey, CanaryReading> m = latest.get();
        if (m.error().isPresent()) {
            if (!CanaryStateMachine.recorded(canary, m.startedAt(), m.finishedAt())) {
                CanaryStateMachine.unmeasurable(canary, m.startedAt(), m.finishedAt(), m.error().get());
            }
            return;
        }
        CanaryReading reading = m.value().orElseThrow();
        if (reading.baselineOnly() || CanaryStateMachine.recorded(canary, reading.from(), reading.to())) {
            return;
        }
        var result = CanaryStateMachine.judge(canary, strategy().getAnalysis(), reading);
        if (CanaryStateMachine.FAIL.equals(result.getOutcome())) {
            event(true, EventReason.CanaryAnalysisFailed, "canary v" + canary.getVersion() + ": " + result.getMessage() + " ("
                    + canary.getFailures() + " of " + (strategy().getAnalysis().getFailureLimit() + 1) + " failures roll back)");
        }
    }

    /** Champion/challenger on live labels, when analysis.quality asks for it: follows and orders the quality Jobs. */
    private void compareQuality(CanaryStatus canary) {
        Optional<ObservedJob> job = Optional.ofNullable(canary.getQuality()).map(q -> q.getJob()).map(name -> seen.qualityJobs().get(name));
        CanaryQuality.Outcome outcome = CanaryQuality.step(isvc.getMetadata().getName(), isvc.getSpec().getModel(),
                Optional.ofNullable(strategy().getAnalysis().getQuality()), canary, status.getStable().getVersion(), job, now, events);
        qualityJob = outcome.start();
        outcome.wakeUp().ifPresent(at -> soon(Duration.between(now, at)));
    }

    /** One scrape per interval: the first of a step only starts the interval the next one measures. */
    private void askForMeasurement(CanaryStatus canary, CanaryKey key, Instant stepStarted) {
        Duration interval = Durations.parse(strategy().getAnalysis().getInterval());
        Optional<Instant> last = seen.measurement().filter(m -> m.key().equals(key)).map(Measured::finishedAt);
        Instant due = last.map(t -> t.plus(interval)).orElse(now);
        if (!seen.measuring() && !now.isBefore(due)) {
            measure = Optional.of(key);
            due = now.plus(interval);
        }
        soon(Duration.between(now, due).plus(SOON));
        Instant pauseEnds = stepStarted.plus(Durations.parse(Optional.ofNullable(strategy().getSteps().get(canary.getStep()).getPause()).orElse("0s")));
        if (pauseEnds.isAfter(now)) {
            soon(Duration.between(now, pauseEnds));
        }
    }

    private void promote() {
        CanaryStatus canary = status.getCanary();
        ModelVersion promoted = seen.version(canary.getModelVersion()).orElse(null);
        long replaced = status.getStable().getVersion();
        String reason = "replaced v" + replaced + driftReason(promoted).map(r -> "; " + RetrainCause.retrainedAfter(r)).orElse("");
        record(canary.getVersion(), RolloutOutcome.PROMOTED, reason);
        if (promoted != null) {
            status.setStable(serving(promoted));
        }
        ended();
        rolloutEnded = Optional.of("promoted");
        event(false, EventReason.Promoted, "promoted v" + canary.getVersion() + ": " + reason + passSummary(canary));
    }

    private void rollBack(String reason) {
        record(status.getCanary().getVersion(), RolloutOutcome.ROLLED_BACK, reason);
        ended();
        rolloutEnded = Optional.of("rolled_back");
        event(true, EventReason.RolledBack, reason + "; v" + status.getStable().getVersion() + " keeps serving");
    }

    private void end(String outcome, String reason) {
        record(status.getCanary().getVersion(), outcome, reason);
        ended();
        rolloutEnded = Optional.of("superseded");
        event(false, EventReason.CanarySuperseded, reason + "; v" + status.getStable().getVersion() + " keeps serving");
    }

    private void ended() {
        endedReplicas = status.getCanary().getReplicas();
        status.setCanary(null);
        soon(SOON);
    }

    /**
     * What the pass that ended a step measured: the share served, or at a shadow step the agreement with stable; and the
     * latest quality comparison that passed, when analysis.quality asks for one.
     */
    private static String passSummary(CanaryStatus canary) {
        String quality = canary.getAnalysis().stream().filter(r -> CanaryStateMachine.PASS.equals(r.getOutcome()) && r.getQuality() != null)
                .findFirst().map(r -> "; live labels: " + r.getMessage()).orElse("");
        return trafficSummary(canary) + quality;
    }

    private static String trafficSummary(CanaryStatus canary) {
        return canary.getAnalysis().stream().filter(r -> CanaryStateMachine.PASS.equals(r.getOutcome()) && r.getQuality() == null).findFirst().map(r -> {
            String served = r.getServedWeight() == null ? "" : String.format(Locale.ROOT, "; step %d served %.1f%%", r.getStep(), r.getServedWeight());
            String agreement = r.getAgreement() == null ? "" : String.format(Locale.ROOT, "; shadow step %d agreed on %.1f%% of %d mirrored requests, mean |Δ| %.4f",
                    r.getStep(), 100 * r.getAgreement(), r.getShadowRequests(), r.getMeanAbsDelta());
            return r.getAgreement() == null ? served : agreement;
        }).orElse("");
    }

    /** The DriftPolicy retrain that produced the promoted version, if one did: its reason names feature and score. */
    private Optional<String> driftReason(ModelVersion promoted) {
        if (promoted == null || promoted.getSpec().getSource() == null || promoted.getSpec().getSource().getTrainingJob() == null) {
            return Optional.empty();
        }
        String trainingJob = promoted.getSpec().getSource().getTrainingJob();
        return seen.policy().map(DriftPolicy::getStatus).map(s -> s.getLastTriggered())
                .filter(t -> trainingJob.equals(t.getTrainingJob())).map(t -> t.getReason());
    }

    /** Replicas per version: surge first, so a version gives up a pod only once its replacement's pods are ready. */
    private List<Serve> serve() {
        List<Serve> serve = new ArrayList<>();
        CanaryStatus canary = status.getCanary();
        Optional<ModelVersion> stable = seen.version(status.getStable().getModelVersion());
        if (canary == null) {
            Integer replicas = endedReplicas != null ? Integer.valueOf(Math.max(endedReplicas, total()))
                    : isvc.getSpec().getAutoscaling() != null ? null : Integer.valueOf(total());
            stable.ifPresent(mv -> serve.add(new Serve(mv, replicas)));
            return serve;
        }
        int[] replicas = duringCanary(canary);
        stable.ifPresent(mv -> serve.add(new Serve(mv, replicas[0])));
        seen.version(canary.getModelVersion()).ifPresent(mv -> serve.add(new Serve(mv, replicas[1])));
        return serve;
    }

    /** The stable version's and the canary's replicas at the canary's step: the stable pods receive every request and route. */
    private static int[] duringCanary(CanaryStatus canary) {
        return new int[] {canary.getReplicas(), Replicas.canary(canary.getReplicas(), CanaryStateMachine.share(canary))};
    }

    /**
     * Where requests go: the canary gets its step's share only once the pods for that share are ready, until then the
     * share of the step before (a canary that is still starting gets nothing).
     */
    private Optional<Routing> routing() {
        if (status.getStable() == null || seen.address(status.getStable().getVersion()).isEmpty()) {
            return Optional.empty(); // until the stable Service has an address, pods find no routing and answer every request
        }
        long stable = status.getStable().getVersion();
        double tolerance = strategy().getAnalysis().getAgreementTolerance() == null ? 0.05 : strategy().getAnalysis().getAgreementTolerance();
        return Optional.of(new Routing(stable, seen.address(stable).get(), Optional.ofNullable(status.getCanary()).flatMap(this::route), tolerance));
    }

    private Optional<Routing.Route> route(CanaryStatus canary) {
        Optional<String> address = seen.address(canary.getVersion());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int ready = seen.ready(canary.getVersion());
        List<CanaryStep> steps = strategy().getSteps();
        for (int step = canary.getStep(); step >= 0 && step >= canary.getStep() - 1; step--) {
            CanaryStep s = steps.get(step);
            if (ready >= Replicas.canary(canary.getReplicas(), CanaryStateMachine.share(s))) {
                return Optional.of(new Routing.Route(canary.getVersion(), address.get(), s.getWeight() == null ? 0 : s.getWeight(),
                        s.getShadow() == null ? 0 : s.getShadow()));
            }
        }
        return Optional.of(new Routing.Route(canary.getVersion(), address.get(), 0, 0));
    }

    /** Versions that no longer serve go only once the serving ones are fully ready. */
    private Retirement retirement() {
        Set<Long> serving = new HashSet<>();
        serving.add(status.getStable().getVersion());
        CanaryStatus canary = status.getCanary();
        boolean settled;
        if (canary == null) {
            int wanted = Math.max(total(), Optional.ofNullable(seen.workloads().get(status.getStable().getVersion())).map(Workload::replicas).orElse(0));
            settled = seen.ready(status.getStable().getVersion()) >= wanted;
        } else {
            serving.add(canary.getVersion());
            settled = seen.ready(status.getStable().getVersion()) >= duringCanary(canary)[0];
        }
        if (!settled) {
            return Retirement.NOTHING;
        }
        RetireSpec retire = seen.policy().map(dp -> dp.getSpec().getRetire()).orElseGet(RetireSpec::new);
        return Retirement.of(status, seen.workloads().values(), serving, retire, now);
    }

    private ServingPlan finish(List<Serve> serve, Retirement retirement, boolean autoscaler) {
        ServingReport.write(isvc, status, seen, now, events);
        retirement.nextExpiry().ifPresent(at -> soon(Duration.between(now, at).plus(SOON)));
        return new ServingPlan(status, serve, routing(), retirement.delete(), retirement.scaleToZero(), autoscaler, measure, qualityJob, events, rolloutEnded, requeue);
    }

    private void record(long version, String outcome, String reason) {
        RolloutRecord record = new RolloutRecord();
        record.setVersion(version);
        record.setOutcome(outcome);
        record.setReason(reason);
        record.setTime(Timestamps.format(now));
        status.getCanary().getAnalysis().stream().findFirst().ifPresent(record::setLastAnalysis);
        status.getHistory().add(0, record);
        while (status.getHistory().size() > HISTORY) {
            status.getHistory().remove(status.getHistory().size() - 1);
        }
    }

    private void soon(Duration after) {
        Duration at = after.isNegative() ? Duration.ZERO : after;
        requeue = Optional.of(requeue.map(r -> r.compareTo(at) < 0 ? r : at).orElse(at));
    }

    private void event(boolean warning, EventReason reason, String message) {
        events.add(new PlannedEvent(warning, reason, message));
    }

    private ServingVersion serving(ModelVersion version) {
        ServingVersion serving = new ServingVersion();
        serving.setVersion(version.getSpec().getVersion());
        serving.setModelVersion(version.getMetadata().getName());
        serving.setDeployment(ServingObjects.deploymentName(isvc, version.getSpec().getVersion()));
        serving.setReadyReplicas(0);
        return serving;
    }

    private CanaryStrategy strategy() {
        return isvc.getSpec().getCanary();
    }

    private int total() {
        return total(isvc);
    }

    static int total(InferenceService isvc) {
        if (isvc.getSpec().getAutoscaling() != null) {
            return isvc.getSpec().getAutoscaling().getMinReplicas();
        }
        return isvc.getSpec().getReplicas() == null ? 1 : isvc.getSpec().getReplicas();
    }

    private InferenceService withStatus() {
        InferenceService copy = new InferenceService();
        copy.setMetadata(isvc.getMetadata());
        copy.setSpec(isvc.getSpec());
        copy.setStatus(status);
        return copy;
    }
}
