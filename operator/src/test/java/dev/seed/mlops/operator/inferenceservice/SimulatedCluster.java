package dev.seed.mlops.operator.inferenceservice;

import dev.seed.mlops.api.v1alpha1.CanaryStep;
import dev.seed.mlops.api.v1alpha1.InferenceService;
import dev.seed.mlops.api.v1alpha1.ModelVersion;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.artifact.QualityKeys;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.Measurements.Measured;
import dev.seed.mlops.operator.common.ObservedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deterministic stand-in for everything around the InferenceService planner: Deployments whose pods become ready
 * (or never do, or restart), an HPA that rescales, canary measurements that arrive late, fail or belong to an earlier
 * step, operator restarts that lose everything but status, and users who pin, scale and re-create. No Kubernetes: the
 * planner sees only what a reconcile would.
 */
final class SimulatedCluster {
    /** DISAGREEING: healthy, but its decisions match the stable version's on only half the mirrored rows. */
    enum Behaviour { HEALTHY, FAILING, BROKEN, IDLE, SLOW, DISAGREEING }

    /**
     * A version's quality on live labels against the stable version's, as its quality Jobs find it: better, equal or
     * worse (beyond maxDegradation) with labels arriving fast; labels arriving slowly (enough only after minutes) or
     * never; or every quality Job failing.
     */
    enum Quality { BETTER, EQUAL, WORSE, SLOW_LABELS, NO_LABELS, JOB_FAILS }

    enum Event { NOTHING, NEW_VERSION, PIN, PIN_MISSING, UNPIN, SCALE, HPA, RESTART, RECREATE, POD_RESTART, MEASUREMENT_FAILS, QUALITY_JOB_DELETED }

    /** One simulated moment: time passes, something happens, the operator reconciles. */
    record Tick(int seconds, Event event, int a, int b) {
    }

    final InferenceService isvc;
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    final List<ModelVersion> versions = new ArrayList<>();
    final Map<Long, Behaviour> behaviours = new HashMap<>();
    final Map<Long, Quality> qualities = new HashMap<>();
    /** The quality Jobs the operator created, by name, as the Job controller runs them. */
    final Map<String, QualityJob> qualityJobs = new HashMap<>();
    final Map<Long, Integer> desired = new HashMap<>();
    final Map<Long, Integer> ready = new HashMap<>();
    private final Map<Long, Integer> podGeneration = new HashMap<>();
    boolean hpaActive;
    /** The routing the operator last wrote, and the one the stable pods apply (they pick it up by the next tick). */
    Optional<Routing> routing = Optional.empty();
    private Optional<Routing> applied = Optional.empty();

    private Optional<Measured<CanaryKey, CanaryReading>> latest = Optional.empty();
    private Pending pending;
    private final Map<CanaryKey, Scrape> baselines = new HashMap<>();

    private record Pending(CanaryKey key, Instant started, Instant finishes, boolean fails) {
    }

    private record Scrape(Instant at, int podGeneration, boolean routingApplied) {
    }

    /**
     * A quality Job: it scores {@code stable} and {@code canary} over (from, until] and finishes at {@code finishes},
     * failing when the canary's quality is {@link Quality#JOB_FAILS}.
     */
    record QualityJob(CanaryQuality.Order order, String ownerUid, Instant created, Instant finishes, Quality quality) {
        static final double STABLE_AUC = 0.80;

        boolean finished(Instant now) {
            return !now.isBefore(finishes);
        }

        boolean fails() {
            return quality == Quality.JOB_FAILS;
        }

        /** Labelled predictions of each version in the window: 5 a second, one every 5 s when slow, none when never. */
        long labelled() {
            long seconds = Duration.between(order.from(), order.until()).toSeconds();
            return switch (quality) {
                case SLOW_LABELS -> seconds / 5;
                case NO_LABELS -> 0;
                default -> seconds * 5;
            };
        }

        double canaryAuc() {
            return switch (quality) {
                case BETTER -> 0.84;
                case WORSE -> 0.70;
                default -> STABLE_AUC;
            };
        }

        Map<String, Double> figures() {
            return Map.of(QualityKeys.key(order.stable(), "auc"), STABLE_AUC, QualityKeys.key(order.stable(), QualityKeys.LABELLED), (double) labelled(),
                    QualityKeys.key(order.canary(), "auc"), canaryAuc(), QualityKeys.key(order.canary(), QualityKeys.LABELLED), (double) labelled());
        }

        ObservedJob observed(String uid, Instant now) {
            JobOutcome outcome = !finished(now) ? new JobOutcome(JobOutcome.State.Running, Optional.empty(), "Running", "", 0)
                    : fails() ? new JobOutcome(JobOutcome.State.Failed, Optional.empty(), "BackoffLimitExceeded", "evaluate-quality exited 1", 1)
                    : new JobOutcome(JobOutcome.State.Succeeded, Optional.of(new JobResult("evaluate-quality", true, null, null, null, null, null,
                            figures(), "scored")), "Complete", "", 0);
            return new ObservedJob(order.name(), ownerUid.equals(uid), created, outcome, "InferenceService " + ownerUid);
        }
    }

    /** @param quality how each initial version fares on live labels, cycled when there are more versions */
    SimulatedCluster(InferenceService isvc, List<Behaviour> initial, List<Quality> quality) {
        this.isvc = isvc;
        for (int v = 0; v < initial.size(); v++) {
            publish(initial.get(v), quality.get(v % quality.size()));
        }
    }

    void publish(Behaviour behaviour, Quality quality) {
        long number = versions.size() + 1;
        versions.add(Rollouts.validated(number));
        behaviours.put(number, behaviour);
        qualities.put(number, quality);
    }

    /** Time passes and the tick's event happens; pods move towards what their Deployments ask; measurements finish. */
    void advance(Tick tick) {
        now = now.plusSeconds(tick.seconds());
        applied = routing;
        switch (tick.event()) {
            case NEW_VERSION -> publish(Behaviour.values()[tick.a() % Behaviour.values().length], Quality.values()[tick.b() % Quality.values().length]);
            case PIN -> edit(() -> isvc.getSpec().setVersion((long) (tick.a() % versions.size()) + 1));
            case PIN_MISSING -> edit(() -> isvc.getSpec().setVersion(99L));
            case UNPIN -> edit(() -> isvc.getSpec().setVersion(null));
            case SCALE -> {
                if (isvc.getSpec().getAutoscaling() == null) {
                    edit(() -> isvc.getSpec().setReplicas(1 + tick.a() % 6));
                }
            }
            case HPA -> {
                var auto = isvc.getSpec().getAutoscaling();
                if (hpaActive && auto != null && isvc.getStatus() != null && isvc.getStatus().getStable() != null) {
                    desired.put(isvc.getStatus().getStable().getVersion(), auto.getMinReplicas() + tick.a() % (auto.getMaxReplicas() - auto.getMinReplicas() + 1));
                }
            }
            case RESTART -> forgetMeasurements();
            case RECREATE -> {
                isvc.setStatus(null);
                isvc.getMetadata().setUid("uid-" + tick.a());
                desired.clear();
                ready.clear();
                hpaActive = false;
                forgetMeasurements();
            }
            case POD_RESTART -> ready.keySet().stream().filter(v -> ready.get(v) > 0).skip(tick.a() % Math.max(1, ready.size())).findFirst()
                    .ifPresent(v -> {
                        ready.put(v, ready.get(v) - 1);
                        podGeneration.merge(v, 1, Integer::sum);
                    });
            case MEASUREMENT_FAILS -> {
                if (pending != null) {
                    pending = new Pending(pending.key(), pending.started(), pending.finishes(), true);
                }
            }
            case QUALITY_JOB_DELETED -> qualityJobs.keySet().stream().sorted().skip(tick.a() % Math.max(1, qualityJobs.size())).findFirst()
                    .ifPresent(qualityJobs::remove);
            case NOTHING -> { }
        }
        for (Map.Entry<Long, Integer> d : desired.entrySet()) {
            long v = d.getKey();
            int current = ready.getOrDefault(v, 0);
            Behaviour b = behaviours.get(v);
            int next = b == Behaviour.BROKEN ? 0 : current >= d.getValue() ? d.getValue()
                    : Math.min(d.getValue(), current + (b == Behaviour.SLOW ? tick.b() % 2 : 1 + tick.b() % 2));
            if (next > current) {
                podGeneration.merge(v, 1, Integer::sum);
            }
            ready.put(v, next);
        }
        if (pending != null && !now.isBefore(pending.finishes())) {
            finishMeasurement();
        }
    }

    ServingObservation observation() {
        Map<Long, Workload> workloads = new HashMap<>();
        Map<Long, String> addresses = new HashMap<>();
        desired.forEach((v, replicas) -> {
            workloads.put(v, new Workload(v, replicas, ready.getOrDefault(v, 0)));
            addresses.put(v, Rollouts.World.address(v));
        });
        Map<String, ObservedJob> jobs = new HashMap<>();
        qualityJobs.forEach((name, job) -> jobs.put(name, job.observed(isvc.getMetadata().getUid(), now)));
        return new ServingObservation(List.copyOf(versions), workloads, addresses, Optional.empty(), latest, pending != null, Map.copyOf(jobs));
    }

    /** The operator acts: Deployments get the plan's replicas, the HPA comes or goes, a measurement starts. */
    void act(ServingPlan plan, Tick tick) {
        isvc.setStatus(plan.status());
        plan.serve().forEach(s -> desired.put(s.number(), s.replicas() != null ? s.replicas()
                : desired.getOrDefault(s.number(), isvc.getSpec().getAutoscaling().getMinReplicas())));
        plan.delete().forEach(v -> {
            desired.remove(v);
            ready.remove(v);
        });
        plan.scaleToZero().forEach(v -> desired.put(v, 0));
        hpaActive = plan.autoscaler();
        routing = plan.routing();
        if (plan.measure().isPresent() && pending == null) {
            pending = new Pending(plan.measure().get(), now, now.plusSeconds(tick.a() % 45), false);
        }
        // create-only: a name another run of the service already holds stays that run's Job
        plan.qualityJob().ifPresent(order -> qualityJobs.putIfAbsent(order.name(), new QualityJob(order, isvc.getMetadata().getUid(), now,
                now.plusSeconds(tick.b() % 90), qualities.get(order.canary()))));
    }

    private void finishMeasurement() {
        Pending done = pending;
        pending = null;
        if (done.fails()) {
            latest = Optional.of(new Measured<>(done.key(), done.started(), now, Optional.empty(), Optional.of("no answer within 10 s")));
            return;
        }
        long version = done.key().version();
        boolean routingApplied = applied.flatMap(Routing::canary).map(r -> r.sameSplit(version, done.key().weight(), done.key().shadow())).orElse(false);
        Scrape scrape = new Scrape(now, podGeneration.getOrDefault(version, 0), routingApplied);
        Scrape before = baselines.put(done.key(), scrape);
        CanaryReading reading = before == null ? new CanaryReading(now, now, true, false, 0, 0, Double.NaN, Double.NaN, Double.NaN, RoutedTraffic.NONE, false)
                : traffic(behaviours.get(version), done.key(), before, scrape);
        latest = Optional.of(new Measured<>(done.key(), done.started(), now, Optional.of(reading), Optional.empty()));
    }

    /** The canary's traffic between two scrapes, as the stable pods route it at the key's split. */
    private static CanaryReading traffic(Behaviour behaviour, CanaryKey key, Scrape from, Scrape to) {
        long seconds = Math.max(0, Duration.between(from.at(), to.at()).toSeconds());
        long requests = behaviour == Behaviour.IDLE ? seconds / 10 : seconds * 20;
        long errors = behaviour == Behaviour.FAILING ? requests / 5 : 0;
        long agreeing = behaviour == Behaviour.DISAGREEING ? requests / 2 : requests;
        RoutedTraffic routed = key.weight() > 0
                ? new RoutedTraffic(requests * (100 - key.weight()) / key.weight(), requests, 0, 0, 0, 0, 0, 0, 0, 0, new long[0], new long[0])
                : new RoutedTraffic(requests, 0, 0, requests, 0, errors, requests - errors, requests - errors, Math.min(agreeing, requests - errors),
                        0.01 * requests, new long[0], new long[0]);
        return new CanaryReading(from.at(), to.at(), false, from.podGeneration() != to.podGeneration(), requests, errors, 12.0, 0.05, 0.3,
                routed, !from.routingApplied() || !to.routingApplied());
    }

    private void forgetMeasurements() {
        latest = Optional.empty();
        pending = null;
        baselines.clear();
    }

    private void edit(Runnable change) {
        change.run();
        isvc.getMetadata().setGeneration(isvc.getMetadata().getGeneration() + 1);
    }

    /** Weight steps, after a shadow step of that share when {@code shadow} is above 0. */
    static List<CanaryStep> steps(int shadow, List<Integer> weights, List<Integer> pauses) {
        List<CanaryStep> steps = new ArrayList<>();
        if (shadow > 0) {
            steps.add(Rollouts.shadowStep(shadow, pauses.get(0) == 0 ? null : pauses.get(0) + "s"));
        }
        for (int i = 0; i < weights.size(); i++) {
            steps.add(Rollouts.step(weights.get(i), pauses.get(i) == 0 ? null : pauses.get(i) + "s"));
        }
        return steps;
    }
}
