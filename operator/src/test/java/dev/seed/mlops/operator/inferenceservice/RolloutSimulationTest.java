package dev.seed.mlops.operator.inferenceservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seed.mlops.api.v1alpha1.AnalysisResult;
import dev.seed.mlops.api.v1alpha1.CanaryQualityGate;
import dev.seed.mlops.api.v1alpha1.CanaryStatus;
import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.InferenceServiceStatus;
import dev.seed.mlops.api.v1alpha1.Metric;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.StatusCopies;
import dev.seed.mlops.operator.common.Timestamps;
import dev.seed.mlops.operator.inferenceservice.SimulatedCluster.Behaviour;
import dev.seed.mlops.operator.inferenceservice.SimulatedCluster.Event;
import dev.seed.mlops.operator.inferenceservice.SimulatedCluster.Quality;
import dev.seed.mlops.operator.inferenceservice.SimulatedCluster.QualityJob;
import dev.seed.mlops.operator.inferenceservice.SimulatedCluster.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The scenario simulator: random rollouts driven through {@link RolloutPlanner} against a {@link SimulatedCluster},
 * with the invariants checked after every reconcile. Fixed seed in CI; {@code -Djqwik.tries.default} or a longer soak
 * (docs/testing.md) explores more.
 */
class RolloutSimulationTest {

    record Scenario(InferenceService isvc, List<Behaviour> versions, List<Quality> qualities, List<Tick> ticks) {
        /** With {@code qualityGate}, canary analysis also compares the canary's quality on live labels with stable's. */
        Scenario(InferenceService isvc, List<Behaviour> versions, List<Quality> qualities, boolean qualityGate, List<Tick> ticks) {
            this(withQualityGate(isvc, qualityGate), versions, qualities, ticks);
        }

        @Override
        public String toString() {
            return "replicas=" + isvc.getSpec().getReplicas() + " autoscaling=" + (isvc.getSpec().getAutoscaling() != null)
                    + " steps=" + isvc.getSpec().getCanary().getSteps().stream().map(s -> (s.getWeight() != null ? s.getWeight() : "shadow " + s.getShadow()) + "/" + s.getPause()).toList()
                    + " failureLimit=" + isvc.getSpec().getCanary().getAnalysis().getFailureLimit()
                    + " minAgreement=" + isvc.getSpec().getCanary().getAnalysis().getMinAgreement()
                    + " qualityGate=" + (isvc.getSpec().getCanary().getAnalysis().getQuality() != null) + " versions=" + versions
                    + " qualities=" + qualities + " ticks=" + ticks;
        }
    }

    private static InferenceService withQualityGate(InferenceService isvc, boolean on) {
        if (on) {
            CanaryQualityGate gate = new CanaryQualityGate();
            gate.setMetric(Metric.auc);
            gate.setMaxDegradation(0.05);
            gate.setMinLabels(200L);
            gate.setEvery("1m");
            isvc.getSpec().getCanary().getAnalysis().setQuality(gate);
        }
        return isvc;
    }

    @Property(seed = "20261201")
    void everyDecisionKeepsTheInvariants(@ForAll("scenarios") Scenario scenario) {
        SimulatedCluster cluster = new SimulatedCluster(scenario.isvc(), scenario.versions(), scenario.qualities());
        Invariants invariants = new Invariants(scenario.isvc());
        int tick = 0;
        for (Tick t : scenario.ticks()) {
            cluster.advance(t);
            ServingObservation seen = cluster.observation();
            InferenceServiceStatus before = cluster.isvc.getStatus();
            ServingPlan plan = RolloutPlanner.plan(cluster.isvc, seen, cluster.now);
            if (tick++ % 7 == 0) {
                assertThat(StatusCopies.same(plan.status(), RolloutPlanner.plan(cluster.isvc, seen, cluster.now).status()))
                        .as("the same inputs give the same decision (a restarted operator decides the same)").isTrue();
            }
            invariants.check(before, plan, seen, cluster);
            cluster.act(plan, t);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<InferenceService> service = Combinators.combine(
                Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(0, 0, 30, 60),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of("2m", "5m", "10m"),
                Arbitraries.of(0, 0, 50, 100),
                Arbitraries.of(false, true)).as(RolloutSimulationTest::service);
        Arbitrary<Behaviour> behaviour = Arbitraries.of(Behaviour.class);
        Arbitrary<Tick> tick = Combinators.combine(
                Arbitraries.integers().between(1, 60),
                Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.just(Event.NOTHING)), Tuple.of(3, Arbitraries.just(Event.NEW_VERSION)),
                        Tuple.of(1, Arbitraries.just(Event.PIN)), Tuple.of(1, Arbitraries.just(Event.PIN_MISSING)), Tuple.of(2, Arbitraries.just(Event.UNPIN)),
                        Tuple.of(1, Arbitraries.just(Event.SCALE)), Tuple.of(3, Arbitraries.just(Event.HPA)), Tuple.of(2, Arbitraries.just(Event.RESTART)),
                        Tuple.of(1, Arbitraries.just(Event.RECREATE)), Tuple.of(3, Arbitraries.just(Event.POD_RESTART)),
                        Tuple.of(2, Arbitraries.just(Event.MEASUREMENT_FAILS)), Tuple.of(1, Arbitraries.just(Event.QUALITY_JOB_DELETED))),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Tick::new);
        return Combinators.combine(service, behaviour.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(Quality.class).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(false, true), tick.list().ofMinSize(20).ofMaxSize(80)).as(Scenario::new);
    }

    private static InferenceService service(int replicas, int extraSteps, List<Integer> weightSeeds, int pause, int failureLimit, String deadline,
            int shadow, boolean gateOnAgreement) {
        TreeSet<Integer> weights = new TreeSet<>();
        weightSeeds.stream().limit(extraSteps).forEach(w -> weights.add(List.of(10, 25, 50, 80).get(w)));
        weights.add(100);
        List<Integer> pauses = weights.stream().map(w -> w == 100 ? 0 : pause).toList();
        InferenceService isvc = replicas == 0 ? Rollouts.autoscaled(2, 6) : Rollouts.service(replicas);
        isvc.getSpec().getCanary().setSteps(SimulatedCluster.steps(shadow, new ArrayList<>(weights), pauses));
        if (gateOnAgreement) {
            isvc.getSpec().getCanary().getAnalysis().setMinAgreement(0.9);
        }
        isvc.getSpec().getCanary().getAnalysis().setFailureLimit(failureLimit);
        isvc.getSpec().getCanary().setProgressDeadline(deadline);
        return isvc;
    }

    /** What must hold after every reconcile, whatever happened before it. */
    static final class Invariants {
        private final InferenceService isvc;
        private final Map<Integer, Instant> stepStarts = new HashMap<>();
        private final Set<Integer> passedSteps = new HashSet<>();
        private String canaryRun;

        Invariants(InferenceService isvc) {
            this.isvc = isvc;
        }

        void check(InferenceServiceStatus before, ServingPlan plan, ServingObservation seen, SimulatedCluster cluster) {
            InferenceServiceStatus after = plan.status();
            assertThat(after.getHistory()).as("history stays bounded").hasSizeLessThanOrEqualTo(RolloutPlanner.HISTORY);
            if (after.getCanary() != null) {
                assertThat(after.getCanary().getAnalysis()).as("analysis stays bounded").hasSizeLessThanOrEqualTo(CanaryStateMachine.ANALYSIS_HISTORY);
            }
            trackPasses(before, after);
            if (after.getCanary() == null && !after.getHistory().isEmpty()) {
                countPass(before, after.getHistory().get(0).getLastAnalysis());
            }
            promotionsHadAPassAtEveryStep(before, after, cluster);
            qualityPassesRestOnEnoughLabelsAndFailuresRollBack(after);
            canariesThatCannotGetReadyEndByTheirDeadline(after, seen, cluster.now);
            capacityIsNeverTakenAway(plan, seen, cluster);
            servedWeightIsWhatWasMeasured(after);
            routingFollowsStatusAndReadyPods(plan, seen);
            noClientIsServedByAVersionThatHasNotPassedItsShadowSteps(plan, cluster);
            rolledBackVersionsAreNotRetried(after);
            if (before != null && before.getStable() != null && after.getStable() == null) {
                throw new AssertionError("the stable version disappeared from status");
            }
        }

        private void trackPasses(InferenceServiceStatus before, InferenceServiceStatus after) {
            CanaryStatus canary = after.getCanary() != null ? after.getCanary() : before == null ? null : before.getCanary();
            if (canary == null) {
                return;
            }
            if (before == null || before.getCanary() == null || !before.getCanary().getModelVersion().equals(canary.getModelVersion())) {
                canaryRun = canary.getModelVersion();
                stepStarts.clear();
                passedSteps.clear();
            }
            if (before != null && before.getCanary() != null) {
                stepStarts.putIfAbsent(before.getCanary().getStep(), Timestamps.parse(before.getCanary().getStepStartedAt()));
            }
            if (after.getCanary() != null) {
                stepStarts.putIfAbsent(after.getCanary().getStep(), Timestamps.parse(after.getCanary().getStepStartedAt()));
                Set<String> seenBefore = new HashSet<>();
                if (before != null && before.getCanary() != null) {
                    before.getCanary().getAnalysis().forEach(r -> seenBefore.add(r.getStep() + r.getFrom() + r.getTime()));
                }
                for (AnalysisResult r : after.getCanary().getAnalysis()) {
                    if (!seenBefore.contains(r.getStep() + r.getFrom() + r.getTime())) {
                        countPass(before, r);
                    }
                }
            }
        }

        /** Counts a pass of the canary's traffic; a quality comparison's window starts with the canary, not its step. */
        private void countPass(InferenceServiceStatus before, AnalysisResult r) {
            if (r == null || !CanaryStateMachine.PASS.equals(r.getOutcome()) || before == null || before.getCanary() == null || r.getQuality() != null) {
                return;
            }
            assertThat(Timestamps.parse(r.getFrom())).as("a pass is measured over an interval that started with its step")
                    .isAfterOrEqualTo(stepStarts.get(r.getStep()));
            passedSteps.add(r.getStep());
        }

        private void promotionsHadAPassAtEveryStep(InferenceServiceStatus before, InferenceServiceStatus after, SimulatedCluster cluster) {
            if (before == null || before.getCanary() == null || after.getHistory().isEmpty()) {
                return;
            }
            RolloutRecord newest = after.getHistory().get(0);
            boolean promotedNow = RolloutOutcome.PROMOTED.equals(newest.getOutcome())
                    && (before.getHistory().isEmpty() || !StatusCopies.same(before.getHistory().get(0), newest));
            if (!promotedNow) {
                return;
            }
            int steps = isvc.getSpec().getCanary().getSteps().size();
            for (int step = 0; step < steps; step++) {
                assertThat(passedSteps).as("v" + newest.getVersion() + " promoted without a pass measured at step " + step + " (" + canaryRun + ")")
                        .contains(step);
            }
            Behaviour behaviour = cluster.behaviours.get(newest.getVersion());
            assertThat(behaviour).as("a version whose pods never get ready or that fails every measurement is never promoted")
                    .isNotIn(Behaviour.BROKEN, Behaviour.FAILING, Behaviour.IDLE);
            promotionsHadAQualityPassAtTheLastStep(newest.getVersion(), stepStarts.get(steps - 1), cluster);
        }

        /**
         * With the quality gate, a promotion rests on a quality Job of this run of the service that finished, found
         * both versions with minLabels labels and the canary within maxDegradation, over a window that ended at the
         * last step: so labels that come slowly or never, a worse canary and failing Jobs never promote.
         */
        private void promotionsHadAQualityPassAtTheLastStep(long version, Instant lastStepStarted, SimulatedCluster cluster) {
            CanaryQualityGate gate = isvc.getSpec().getCanary().getAnalysis().getQuality();
            if (gate == null) {
                return;
            }
            assertThat(cluster.qualityJobs.values()).as("v" + version + " promoted without a quality pass measured at the last step (started "
                    + lastStepStarted + "); quality Jobs: " + cluster.qualityJobs.values()).anySatisfy(job -> {
                        assertThat(job.order().canary()).isEqualTo(version);
                        assertThat(job.ownerUid()).isEqualTo(cluster.isvc.getMetadata().getUid());
                        assertThat(job.finished(cluster.now) && !job.fails()).isTrue();
                        assertThat(job.order().until()).isAfterOrEqualTo(lastStepStarted);
                        assertThat(job.labelled()).isGreaterThanOrEqualTo(gate.getMinLabels());
                        assertThat((QualityJob.STABLE_AUC - job.canaryAuc()) / QualityJob.STABLE_AUC).isLessThanOrEqualTo(gate.getMaxDegradation());
                    });
            assertThat(cluster.qualities.get(version)).as("a worse canary, one without enough labels or whose quality Jobs fail is never promoted")
                    .isNotIn(Quality.WORSE, Quality.NO_LABELS, Quality.JOB_FAILS);
        }

        /** Too few labels is never a pass, and a failed measurement (of quality or traffic) past failureLimit rolls back at once. */
        private void qualityPassesRestOnEnoughLabelsAndFailuresRollBack(InferenceServiceStatus after) {
            CanaryStatus canary = after.getCanary();
            if (canary == null) {
                return;
            }
            CanaryQualityGate gate = isvc.getSpec().getCanary().getAnalysis().getQuality();
            for (AnalysisResult r : canary.getAnalysis()) {
                if (r.getQuality() != null && CanaryStateMachine.PASS.equals(r.getOutcome())) {
                    assertThat(Math.min(r.getQuality().getStableLabelled(), r.getQuality().getCanaryLabelled()))
                            .as("a quality pass rests on minLabels labels of each version: " + r.getMessage()).isGreaterThanOrEqualTo(gate.getMinLabels());
                }
            }
            assertThat(canary.getFailures()).as("a canary with more failed measurements than failureLimit has been rolled back")
                    .isLessThanOrEqualTo(isvc.getSpec().getCanary().getAnalysis().getFailureLimit());
        }

        private void canariesThatCannotGetReadyEndByTheirDeadline(InferenceServiceStatus after, ServingObservation seen, Instant now) {
            CanaryStatus canary = after.getCanary();
            if (canary == null) {
                return;
            }
            int wanted = Replicas.canary(canary.getReplicas(), CanaryStateMachine.share(canary));
            Instant deadline = Timestamps.parse(canary.getStepStartedAt()).plus(Durations.parse(isvc.getSpec().getCanary().getProgressDeadline()));
            if (seen.ready(canary.getVersion()) < wanted) {
                assertThat(now).as("a canary short of ready pods past its progress deadline is rolled back").isBefore(deadline);
            }
        }

        /**
         * Capacity: outside a replacement a plan never takes a ready pod away unless the service keeps its total without it;
         * during one the stable version, which receives every request, keeps its ready pods, and the canary keeps the pods
         * for the share it is routed.
         */
        private void capacityIsNeverTakenAway(ServingPlan plan, ServingObservation seen, SimulatedCluster cluster) {
            CanaryStatus canary = plan.status().getCanary();
            if (canary != null) {
                int total = canary.getReplicas();
                long stable = plan.status().getStable().getVersion();
                assertThat(desired(plan, seen, stable)).as("the stable version keeps its ready pods through a replacement")
                        .isGreaterThanOrEqualTo(Math.min(seen.ready(stable), total));
                int routed = plan.routing().flatMap(Routing::canary).map(r -> Math.max(r.weight(), r.shadow())).orElse(0);
                if (routed > 0) {
                    assertThat(desired(plan, seen, canary.getVersion())).as("the canary keeps the pods for the share it is routed")
                            .isGreaterThanOrEqualTo(Replicas.canary(total, routed));
                }
                return;
            }
            int readyBefore = seen.workloads().values().stream().mapToInt(Workload::ready).sum();
            int readyAfter = 0;
            for (Workload w : seen.workloads().values()) {
                readyAfter += Math.min(desired(plan, seen, w.version()), w.ready());
            }
            int total = RolloutPlanner.total(cluster.isvc);
            assertThat(readyAfter).as("ready pods after the plan (before: " + readyBefore + ", total " + total + "); seen " + seen.workloads()
                    + ", serve " + plan.serve().stream().map(s -> s.number() + "=" + s.replicas()).toList() + ", delete " + plan.delete()
                    + ", zero " + plan.scaleToZero() + ", stable " + (plan.status().getStable() == null ? "-" : plan.status().getStable().getVersion())
                    + ", history " + plan.status().getHistory().stream().map(r -> r.getVersion() + ":" + r.getOutcome()).toList())
                    .isGreaterThanOrEqualTo(Math.min(readyBefore, total));
        }

        private static int desired(ServingPlan plan, ServingObservation seen, long version) {
            Workload w = seen.workloads().get(version);
            int current = w == null ? 0 : w.replicas() == null ? 0 : w.replicas();
            return plan.delete().contains(version) || plan.scaleToZero().contains(version) ? 0
                    : plan.serving(version).map(s -> s.replicas() == null ? current : s.replicas()).orElse(current);
        }

        /** The served share in status is the one the latest judged interval at this step measured, or absent. */
        private void servedWeightIsWhatWasMeasured(InferenceServiceStatus after) {
            CanaryStatus canary = after.getCanary();
            if (canary == null || canary.getServedWeight() == null) {
                return;
            }
            assertThat(canary.getAnalysis().stream().filter(r -> canary.getStep().equals(r.getStep()) && r.getServedWeight() != null)
                    .map(r -> (int) Math.round(r.getServedWeight())).findFirst())
                    .as("status.canary.servedWeight comes from a measurement at this step").contains(canary.getServedWeight());
        }

        /**
         * The stable pods route to the version status names, with the split of the current step or the one before, and
         * the canary gets a share only once its pods for that share are ready.
         */
        private void routingFollowsStatusAndReadyPods(ServingPlan plan, ServingObservation seen) {
            InferenceServiceStatus after = plan.status();
            if (after.getStable() == null || seen.address(after.getStable().getVersion()).isEmpty()) {
                assertThat(plan.routing()).isEmpty();
                return;
            }
            Routing routing = plan.routing().orElseThrow();
            assertThat(routing.stableVersion()).as("the traffic Service and the routing name the stable version").isEqualTo(after.getStable().getVersion());
            CanaryStatus canary = after.getCanary();
            if (canary == null) {
                assertThat(routing.canary()).as("no route to a canary that no longer runs").isEmpty();
                return;
            }
            routing.canary().ifPresent(route -> {
                assertThat(route.version()).isEqualTo(canary.getVersion());
                int share = Math.max(route.weight(), route.shadow());
                if (share > 0) {
                    assertThat(seen.ready(canary.getVersion())).as("requests reach the canary only once its pods for that share are ready")
                            .isGreaterThanOrEqualTo(Replicas.canary(canary.getReplicas(), share));
                }
                List<CanaryStep> steps = isvc.getSpec().getCanary().getSteps();
                List<List<Integer>> allowed = new ArrayList<>(List.of(List.of(0, 0)));
                for (int step = Math.max(0, canary.getStep() - 1); step <= canary.getStep(); step++) {
                    CanaryStep s = steps.get(step);
                    allowed.add(List.of(s.getWeight() == null ? 0 : s.getWeight(), s.getShadow() == null ? 0 : s.getShadow()));
                }
                assertThat(allowed).as("the split is the step's or the one before").contains(List.of(route.weight(), route.shadow()));
            });
        }

        /** A version that never passed a shadow step never answers a client: a disagreeing one gated on agreement least of all. */
        private void noClientIsServedByAVersionThatHasNotPassedItsShadowSteps(ServingPlan plan, SimulatedCluster cluster) {
            CanaryStatus canary = plan.status().getCanary();
            if (canary == null || plan.routing().flatMap(Routing::canary).map(Routing.Route::weight).orElse(0) == 0) {
                return;
            }
            CanaryStep first = isvc.getSpec().getCanary().getSteps().get(0);
            if (first.getShadow() == null) {
                return;
            }
            assertThat(passedSteps).as("v" + canary.getVersion() + " answers clients only after a pass at its shadow step").contains(0);
            if (isvc.getSpec().getCanary().getAnalysis().getMinAgreement() != null) {
                assertThat(cluster.behaviours.get(canary.getVersion())).as("a version that disagrees with stable never answers a client")
                        .isNotEqualTo(Behaviour.DISAGREEING);
            }
        }

        private void rolledBackVersionsAreNotRetried(InferenceServiceStatus after) {
            if (after.getCanary() == null || isvc.getSpec().getVersion() != null) {
                return;
            }
            long version = after.getCanary().getVersion();
            assertThat(after.getHistory().stream().filter(r -> RolloutOutcome.ROLLED_BACK.equals(r.getOutcome())).map(RolloutRecord::getVersion))
                    .as("an unpinned service never retries a version it rolled back").doesNotContain(version);
        }
    }
}
