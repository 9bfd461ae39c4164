package dev.seed.mlops.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.api.v1alpha1.Condition;
import dev.seed.mlops.api.v1alpha1.DriftMetric;
import dev.seed.mlops.api.v1alpha1.DriftPolicySpec;
import dev.seed.mlops.api.v1alpha1.DriftPolicyStatus;
import dev.seed.mlops.api.v1alpha1.ModelStage;
import dev.seed.mlops.api.v1alpha1.RetrainTrigger;
import dev.seed.mlops.api.v1alpha1.RolloutRecord;
import dev.seed.mlops.operator.common.Durations;
import dev.seed.mlops.operator.common.Measurements.Measured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The drift planner driven through random scenarios, with no Kubernetes: a simulated clock; a service of 1 to 30
 * pods whose drift windows hold 0 to 120 rows each, drawn from the baseline or a shifted distribution that comes and
 * goes; readings that come back quickly, late (past the measurement timeout, as a failure) or fail; TrainingJobs that
 * succeed, fail, hang or are deleted; versions that are rejected, rolled back or promoted; a service that is pinned
 * (so a new version stays Validated); and operator restarts at any step, after which only status survives (the kept
 * readings are lost, status is rebuilt from its JSON). Each scenario runs two simulated days; the invariants are
 * checked after every step.
 */
class DriftLoopSimulationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration LENGTH = Duration.ofDays(2);
    /** A uid whose checks fall at an offset within every interval the simulation draws ({@link CheckSlots}). */
    private static final String UID = "3f1c2a9e-0001-4a5b-9c1d-000000000001";
    /** Steps per scenario at most, to keep 5,000 scenarios within seconds. */
    private static final int STEPS = 150;
    private static final double[] BASELINE = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    private static final double[] SHIFTED = {0.3, 0.3, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.0, 0.0};

    @Property(tries = 5000, seed = "20260301")
    void theDriftLoopKeepsItsPromises(@ForAll @IntRange(min = 1, max = 4) int consecutiveBreaches,
            @ForAll @IntRange(min = 1, max = 4) int maxPerDay, @ForAll("cooldowns") String cooldown,
            @ForAll("deadlines") String deadline, @ForAll("intervals") String checkInterval,
            @ForAll @LongRange(min = 1, max = 2000) long minSamples, @ForAll long seed) {
        DriftPolicySpec spec = DriftFixtures.retrainSpec();
        spec.setConsecutiveBreaches(consecutiveBreaches);
        spec.setCheckInterval(checkInterval);
        spec.setMinSamples(minSamples);
        spec.getRetrain().setMaxPerDay(maxPerDay);
        spec.getRetrain().setCooldown(cooldown);
        spec.getRetrain().setDeadline(deadline);
        new Scenario(spec, new Random(seed)).run();
    }

    @Provide
    Arbitrary<String> cooldowns() {
        return Arbitraries.of("0s", "30m", "2h", "6h");
    }

    @Provide
    Arbitrary<String> deadlines() {
        return Arbitraries.of("1h", "3h", "6h");
    }

    @Provide
    Arbitrary<String> intervals() {
        return Arbitraries.of("5m", "20m", "1h");
    }

    /** A TrainingJob as the simulated TrainingJob controller, gates and InferenceService play it. */
    private static final class Job {
        final String name;
        final long version;
        String phase = "Running";
        Instant nextChange;
        /** What happens at nextChange: the script of this job. */
        final boolean fails;
        final boolean hangs;
        final boolean rejected;
        final boolean rolledBack;
        ModelStage stage;

        Job(String name, long version, Instant now, Random random) {
            this.name = name;
            this.version = version;
            this.fails = random.nextInt(5) == 0;
            this.hangs = random.nextInt(6) == 0;
            this.rejected = random.nextInt(5) == 0;
            this.rolledBack = random.nextInt(3) == 0;
            this.nextChange = hangs ? null : now.plus(Duration.ofMinutes(5 + random.nextInt(90)));
        }
    }

    private static final class Scenario {
        final DriftPolicySpec spec;
        final Random random;
        final Duration interval;
        final Duration cooldown;
        final Duration deadline;
        Instant now = START;
        /** The status as the API server holds it: all the planner may remember. */
        DriftPolicyStatus status;
        /** The operator's memory: lost at a restart. */
        Optional<Measured<ReadingKey, DriftReading>> latest = Optional.empty();
        /** The reading asked for: pending until it starts (a later ask replaces it), then running until done. */
        Optional<ReadingKey> inFlightKey = Optional.empty();
        Instant inFlightStart;
        Instant inFlightDone;
        Optional<DriftReading> inFlightValue;
        String inFlightError;
        /** The world. */
        long stable = 1;
        long nextVersion = 2;
        String canary;
        final List<RolloutRecord> history = new ArrayList<>();
        final Map<String, Job> jobs = new LinkedHashMap<>();
        boolean drifting;
        boolean pinned;
        /** Retrains started, by TrainingJob name: the ground truth for the limits. */
        final Map<String, Instant> created = new LinkedHashMap<>();
        final Map<ReadingKey, DriftReading> answered = new LinkedHashMap<>();

        Scenario(DriftPolicySpec spec, Random random) {
            this.spec = spec;
            this.random = random;
            this.interval = Durations.parse(spec.getCheckInterval());
            this.cooldown = Durations.parse(spec.getRetrain().getCooldown());
            this.deadline = Durations.parse(spec.getRetrain().getDeadline());
            this.drifting = random.nextBoolean();
        }

        void run() {
            for (int step = 0; step < STEPS && now.isBefore(START.plus(LENGTH)); step++) {
                world();
                if (random.nextInt(40) == 0) {
                    restart();
                }
                DriftPolicyStatus before = status;
                DriftPlan plan = DriftPlanner.next(DriftFixtures.POLICY, UID, spec, 1, before, observe(), now);
                act(plan);
                check(before, plan);
                status = plan.status();
                now = next(plan);
            }
        }

        /** Scripted changes of the world up to now. */
        void world() {
            if (random.nextInt(50) == 0) {
                drifting = !drifting;
            }
            if (random.nextInt(200) == 0) {
                pinned = !pinned;
            }
            if (inFlightKey.isPresent() && !now.isBefore(inFlightDone)) {
                latest = Optional.of(new Measured<>(inFlightKey.get(), inFlightDone, inFlightDone, inFlightValue, Optional.ofNullable(inFlightError)));
                inFlightValue.ifPresent(value -> answered.put(inFlightKey.get(), value));
                inFlightKey = Optional.empty();
            }
            for (Job job : new ArrayList<>(jobs.values())) {
                if (random.nextInt(300) == 0) {
                    jobs.remove(job.name);
                    continue;
                }
                while (job.nextChange != null && !now.isBefore(job.nextChange)) {
                    progress(job);
                }
                if (job.stage == ModelStage.Validated && canary == null && !pinned) {
                    canary = "credit-v" + job.version;
                    job.stage = ModelStage.Canary;
                    job.nextChange = now.plus(Duration.ofMinutes(10 + random.nextInt(30)));
                }
            }
        }

        void progress(Job job) {
            Instant at = job.nextChange;
            job.nextChange = null;
            if ("Running".equals(job.phase)) {
                job.phase = job.fails ? "Failed" : "Succeeded";
                if (!job.fails) {
                    job.stage = ModelStage.Candidate;
                    job.nextChange = at.plus(Duration.ofMinutes(1 + random.nextInt(5)));
                }
            } else if (job.stage == ModelStage.Candidate) {
                job.stage = job.rejected ? ModelStage.Rejected : ModelStage.Validated;
            } else if (job.stage == ModelStage.Canary) {
                canary = null;
                if (job.rolledBack) {
                    job.stage = ModelStage.Rejected;
                    RolloutRecord record = new RolloutRecord();
                    record.setVersion(job.version);
                    record.setOutcome("RolledBack");
                    record.setReason("error rate 0.2 > 0.01");
                    history.add(0, record);
                    if (history.size() > 10) {
                        history.remove(history.size() - 1);
                    }
                } else {
                    job.stage = ModelStage.Production;
                    stable = job.version;
                }
            }
        }

        /** The operator restarts: readings in flight and kept are lost; status is read back from its JSON. */
        void restart() {
            latest = Optional.empty();
            inFlightKey = Optional.empty();
            try {
                status = status == null ? null : JSON.readValue(JSON.writeValueAsString(status), DriftPolicyStatus.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        DriftObservation observe() {
            DriftObservation.Target target = new DriftObservation.Target("credit", "credit", stable, "credit-v" + stable, canary,
                    List.copyOf(history), List.of("10.0.0.1"));
            Optional<DriftObservation.Retrain> retrain = Optional.ofNullable(status).map(DriftPolicyStatus::getLastTriggered)
                    .map(RetrainTrigger::getTrainingJob).map(jobs::get).map(job -> new DriftObservation.Retrain(job.name, job.phase,
                            "Failed".equals(job.phase) ? "OOMKilled" : null, "Succeeded".equals(job.phase) ? "credit-v" + job.version : null,
                            "Succeeded".equals(job.phase) ? job.version : null, Optional.ofNullable(job.stage), "gate auc 0.6 < 0.7"));
            return new DriftObservation(Optional.of(target), latest, running(), retrain);
        }

        boolean running() {
            return inFlightKey.isPresent() && !now.isBefore(inFlightStart);
        }

        /** As {@link dev.seed.mlops.operator.common.Measurements} does: an ask replaces or withdraws one that has not started. */
        void act(DriftPlan plan) {
            if (plan.measure().isEmpty() && inFlightKey.isPresent() && !running()) {
                inFlightKey = Optional.empty();
            }
            plan.measure().filter(key -> !running()).ifPresent(key -> {
                inFlightKey = Optional.of(key);
                inFlightStart = key.due().isAfter(now) ? key.due() : now;
                int kind = random.nextInt(20);
                Duration delay = Duration.ofMillis(random.nextInt(3000));
                inFlightValue = Optional.empty();
                inFlightError = null;
                if (kind == 0) {
                    delay = DriftPolicyReconciler.READING_TIMEOUT;
                    inFlightError = "no answer within 20 s";
                } else if (kind == 1) {
                    inFlightError = "serving pod 10.0.0.1 did not report drift: connection refused";
                } else {
                    inFlightValue = Optional.of(reading());
                }
                inFlightDone = inFlightStart.plus(delay);
            });
            plan.retrain().ifPresent(order -> {
                if (!created.containsKey(order.trainingJob())) {
                    created.put(order.trainingJob(), now);
                    jobs.put(order.trainingJob(), new Job(order.trainingJob(), nextVersion++, now, random));
                }
            });
        }

        /** Every pod's window, pooled as the HTTP provider pools them; per bin a normal approximation of the binomial count. */
        DriftReading reading() {
            int pods = 1 + random.nextInt(30);
            double[] truth = drifting ? SHIFTED : BASELINE;
            List<DriftReports.PodReport> reports = new ArrayList<>();
            for (int pod = 0; pod < pods; pod++) {
                int rows = random.nextInt(121);
                long[] counts = new long[BASELINE.length];
                long sum = 0;
                for (int bin = 0; bin < counts.length; bin++) {
                    double mean = rows * truth[bin];
                    counts[bin] = Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - truth[bin])) * random.nextGaussian()));
                    sum += counts[bin];
                }
                reports.add(new DriftReports.PodReport(sum, Map.of("age", new DriftReports.Histogram(BASELINE, counts))));
            }
            try {
                return DriftReports.pool(reports, DriftMetric.psi);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next reconcile: when the plan asked to be woken, or earlier when something it watches changes. */
        Instant next(DriftPlan plan) {
            Instant next = now.plus(plan.requeueAfter());
            if (inFlightKey.isPresent() && inFlightDone.isBefore(next)) {
                next = inFlightDone;
            }
            for (Job job : jobs.values()) {
                if (job.nextChange != null && job.nextChange.isBefore(next)) {
                    next = job.nextChange;
                }
            }
            if (random.nextInt(10) == 0) {
                next = now.plusSeconds(random.nextInt(30));
            }
            Instant whole = next.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            whole = whole.isBefore(next) ? whole.plusSeconds(1) : whole;
            return whole.isAfter(now) ? whole : now.plusSeconds(1);
        }

        /** The invariants, after every step. */
        void check(DriftPolicyStatus before, DriftPlan plan) {
            DriftPolicyStatus after = plan.status();
            List<Instant> triggers = List.copyOf(created.values());
            for (int i = 1; i < triggers.size(); i++) {
                assertThat(Duration.between(triggers.get(i - 1), triggers.get(i))).as("no retrain inside cooldown").isGreaterThanOrEqualTo(cooldown);
            }
            for (Instant trigger : triggers) {
                long inDay = triggers.stream().filter(t -> !t.isAfter(trigger) && t.isAfter(trigger.minus(Duration.ofHours(24)))).count();
                assertThat(inDay).as("never more than maxPerDay retrains in any 24 h").isLessThanOrEqualTo(spec.getRetrain().getMaxPerDay());
            }
            if (plan.retrain().isPresent()) {
                assertThat(before == null || !RetrainTracking.inFlight(before.getLastTriggered()) || plan.retrainEnded().isPresent())
                        .as("no second retrain while one is in flight").isTrue();
            }
            RetrainTrigger last = after.getLastTriggered();
            if (RetrainTracking.inFlight(last)) {
                assertThat(now).as("a retrain that has not ended is within its deadline").isBefore(Instant.parse(last.getTime()).plus(deadline));
            }
            boolean judged = !Objects.equals(after.getLastEvaluated(), before == null ? null : before.getLastEvaluated());
            Set<String> verdicts = Set.of("NoDrift", "Breaching", "DriftSustained", "RetrainSuppressed", "RetrainTriggered");
            String reason = after.getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(Condition::getReason).findFirst().orElse("");
            if (judged && verdicts.contains(reason)) {
                assertThat(after.getSamples()).as("a verdict rests on at least minSamples pooled samples").isGreaterThanOrEqualTo(spec.getMinSamples());
                assertThat(latest).as("a verdict rests on the reading of its own check").isPresent();
                assertThat(answered).containsKey(latest.get().key());
            }
            int breaches = Optional.ofNullable(after.getConsecutiveBreaches()).orElse(0);
            int breachesBefore = before == null ? 0 : Optional.ofNullable(before.getConsecutiveBreaches()).orElse(0);
            if (breaches > breachesBefore) {
                assertThat(after.getSamples()).as("a breach counts only on minSamples pooled samples").isGreaterThanOrEqualTo(spec.getMinSamples());
            }
            assertThat(after.getScores()).hasSizeLessThanOrEqualTo(DriftEvaluation.MAX_SCORES);
            assertThat(after.getRecentTriggers()).hasSizeLessThanOrEqualTo(spec.getRetrain().getMaxPerDay());
            assertThat(after.getConditions()).hasSizeLessThanOrEqualTo(2);
            // A check's reading, asked for ahead, reconciles when it is back; the wake-up is for a reading that is late.
            assertThat(plan.requeueAfter()).as("the planner looks again within a check interval and a reading's deadline")
                    .isLessThanOrEqualTo(interval.plus(DriftPlanner.READING_DEADLINE));
        }
    }
}
