package dev.seed.mlops.operator.training.search;

import dev.seed.mlops.api.v1alpha1.CrossValidation;
import dev.seed.mlops.api.v1alpha1.Search;
import dev.seed.mlops.api.v1alpha1.SearchDirection;
import dev.seed.mlops.api.v1alpha1.SearchStatus;
import dev.seed.mlops.api.v1alpha1.TrialStatus;
import dev.seed.mlops.artifact.JobResult;
import dev.seed.mlops.operator.common.EventReason;
import dev.seed.mlops.operator.common.JobOutcome;
import dev.seed.mlops.operator.common.ObservedJob;
import dev.seed.mlops.operator.common.PlannedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The next step of a hyperparameter search, given what status recorded and what the trial Jobs came to: record the
 * trials that ended (a failed trial is recorded, never fatal; a trial the median stopping rule stopped is Stopped), start
 * trials in order as the {@link TrialSchedule} allows until parallelism run at once or all have started, each with the
 * median stopping rule's bar of the moment, and once every trial has ended name the best one (of the last rung, with
 * successive halving). Pure: no Kubernetes client, no clock.
 */
public final class SearchPlanner {
    /** Trial states in status. */
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    /** Stopped by the median stopping rule: hopeless, not failed. */
    public static final String STOPPED = "Stopped";

    /**
     * A trial Job to create.
     *
     * @param stopWorseThan the median stopping rule's bar for this trial, or null (fewer than minTrials have succeeded)
     */
    public record TrialStart(int index, String jobName, Map<String, String> parameters, Double stopWorseThan) {
    }

    /**
     * @param status   the search's status after this step, trials best first
     * @param start    trial Jobs to create now
     * @param best     the best trial, once every trial has ended and one succeeded
     * @param failure  why the search failed, once every trial has ended and none succeeded
     */
    public record Step(SearchStatus status, List<TrialStart> start, List<PlannedEvent> events, Optional<TrialStatus> best,
            Optional<String> failure) {
        public boolean finished() {
            return best.isPresent() || failure.isPresent();
        }
    }

    private SearchPlanner() {
    }

    /**
     * @param current  the search status so far (null before the first step); not modified
     * @param jobs     the TrainingJob's Jobs by name, as observed
     * @param jobName  the Job name of trial n
     */
    public static Step next(Search search, boolean crossValidated, Map<String, String> hyperparameters, SearchStatus current,
            Map<String, ObservedJob> jobs, IntFunction<String> jobName) {
        TrialSchedule schedule = TrialSchedule.of(search, hyperparameters == null ? Map.of() : hyperparameters);
        String objectiveKey = objectiveKey(search, crossValidated);
        List<PlannedEvent> events = new ArrayList<>();
        List<TrialStatus> trials = new ArrayList<>();
        for (TrialStatus trial : current == null ? List.<TrialStatus>of() : current.getTrials()) {
            trials.add(RUNNING.equals(trial.getState()) ? observe(copy(trial), jobs.get(trial.getJobName()), objectiveKey, events) : trial);
        }
        int total = schedule.total();
        int parallelism = Math.min(search.getParallelism() == null ? 1 : search.getParallelism(), total);
        List<TrialStart> start = new ArrayList<>();
        Double stopWorseThan = medianCheckpoint(search, trials);
        int running = (int) trials.stream().filter(t -> RUNNING.equals(t.getState())).count();
        for (int n = trials.size(); n < total && running < parallelism; n++) {
            TrialSchedule.Next next = schedule.next(n, trials);
            if (next.waiting()) {
                break;
            }
            if (next.skipped() != null) {
                trials.add(skipped(n, next.skipped(), events));
                continue;
            }
            TrialStart trial = new TrialStart(n, jobName.apply(n), next.parameters(), stopWorseThan);
            ObservedJob holder = jobs.get(trial.jobName());
            if (holder != null && !holder.owned()) {
                trials.add(fail(started(trial), "its Job name " + trial.jobName() + " is held by " + holder.owners(), events));
                continue;
            }
            start.add(trial);
            trials.add(started(trial));
            running++;
            events.add(PlannedEvent.normal(EventReason.TrialStarted, "trial " + n + " of " + total + " started: " + trial.parameters()
                    + (stopWorseThan == null ? "" : "; it stops after " + search.getEarlyStopping().getAfterRounds()
                    + " rounds if its validation " + search.getObjective().getMetric() + " is worse than the median " + stopWorseThan)));
        }
        trials.sort(bestFirst(search.getObjective().getDirection(), schedule::rung));

        SearchStatus status = new SearchStatus();
        status.setTotalTrials(total);
        status.setStartedTrials(trials.size());
        status.setFailedTrials((int) trials.stream().filter(t -> FAILED.equals(t.getState())).count());
        status.setTrials(trials);
        Optional<TrialStatus> best = trials.stream().filter(t -> SUCCEEDED.equals(t.getState())).findFirst();
        best.ifPresent(b -> {
            status.setBestTrial(b.getIndex());
            status.setBestObjective(b.getObjective());
        });
        boolean allEnded = trials.size() == total && trials.stream().noneMatch(t -> RUNNING.equals(t.getState()));
        if (!allEnded) {
            return new Step(status, start, events, Optional.empty(), Optional.empty());
        }
        if (best.isEmpty()) {
            return new Step(status, start, events, Optional.empty(), Optional.of("all " + total + " trials failed; the first: "
                    + trials.stream().min(Comparator.comparing(TrialStatus::getIndex)).map(TrialStatus::getMessage).orElse("")));
        }
        events.add(PlannedEvent.normal(EventReason.SearchFinished, "search finished: trial " + best.get().getIndex() + " is best with "
                + objectiveKey + " " + best.get().getObjective() + " " + best.get().getParameters() + " (" + status.getFailedTrials()
                + " of " + total + " trials failed)"));
        return new Step(status, start, events, best, Optional.empty());
    }

    /** validation.&lt;metric&gt;, or cv.&lt;metric&gt;.mean when every trial is cross-validated. */
    public static String objectiveKey(Search search, boolean crossValidated) {
        String metric = search.getObjective().getMetric().name();
        return crossValidated ? CrossValidation.PREFIX + metric + CrossValidation.MEAN : JobResult.VALIDATION_PREFIX + metric;
    }

    private static TrialStatus observe(TrialStatus trial, ObservedJob job, String objectiveKey, List<PlannedEvent> events) {
        if (job == null || !job.owned()) {
            return fail(trial, job == null ? "its Job " + trial.getJobName() + " was deleted before it finished"
                    : "its Job " + trial.getJobName() + " belongs to " + job.owners(), events);
        }
        JobOutcome outcome = job.outcome();
        switch (outcome.state()) {
            case Running -> {
                return trial;
            }
            case Failed -> {
                return fail(trial, outcome.reason() + ": " + outcome.message(), events);
            }
            default -> {
                Map<String, Double> metrics = outcome.result().filter(JobResult::success).map(JobResult::metrics).orElse(Map.of());
                trial.setCheckpoint(metrics.entrySet().stream().filter(e -> e.getKey().startsWith(JobResult.CHECKPOINT_PREFIX))
                        .map(Map.Entry::getValue).findFirst().orElse(null));
                if (metrics.containsKey(JobResult.STOPPED_AT_ROUND)) {
                    trial.setState(STOPPED);
                    trial.setMessage("stopped as hopeless after " + metrics.get(JobResult.STOPPED_AT_ROUND).intValue() + " rounds: "
                            + trial.getCheckpoint() + " is worse than the median of the trials that had succeeded");
                    events.add(PlannedEvent.normal(EventReason.TrialStopped, "trial " + trial.getIndex() + " " + trial.getParameters() + " "
                            + trial.getMessage()));
                    return trial;
                }
                Double objective = metrics.get(objectiveKey);
                if (objective == null || objective.isNaN()) {
                    return fail(trial, "the trial's result has no " + objectiveKey, events);
                }
                trial.setState(SUCCEEDED);
                trial.setObjective(objective);
                events.add(PlannedEvent.normal(EventReason.TrialSucceeded, "trial " + trial.getIndex() + " " + trial.getParameters()
                        + ": " + objectiveKey + " " + objective));
                return trial;
            }
        }
    }

    /** The median stopping rule's bar: the median checkpoint of the succeeded trials, once minTrials of them have one. */
    static Double medianCheckpoint(Search search, List<TrialStatus> trials) {
        if (search.getEarlyStopping() == null) {
            return null;
        }
        double[] checkpoints = trials.stream().filter(t -> SUCCEEDED.equals(t.getState()) && t.getCheckpoint() != null)
                .mapToDouble(TrialStatus::getCheckpoint).sorted().toArray();
        int minTrials = search.getEarlyStopping().getMinTrials() == null ? 3 : search.getEarlyStopping().getMinTrials();
        if (checkpoints.length == 0 || checkpoints.length < minTrials) {
            return null;
        }
        int middle = checkpoints.length / 2;
        return checkpoints.length % 2 == 1 ? checkpoints[middle] : (checkpoints[middle - 1] + checkpoints[middle]) / 2;
    }

    private static TrialStatus fail(TrialStatus trial, String message, List<PlannedEvent> events) {
        trial.setState(FAILED);
        trial.setMessage(message);
        events.add(PlannedEvent.warning(EventReason.TrialFailed, "trial " + trial.getIndex() + " " + trial.getParameters() + " failed ("
                + "the search goes on): " + message));
        return trial;
    }

    /** A trial that will never run (a successive halving rung with too few configurations to promote): Stopped, not failed, no Job. */
    private static TrialStatus skipped(int index, String why, List<PlannedEvent> events) {
        TrialStatus trial = started(new TrialStart(index, null, Map.of(), null));
        trial.setState(STOPPED);
        trial.setMessage(why);
        events.add(PlannedEvent.normal(EventReason.TrialStopped, "trial " + index + " " + why));
        return trial;
    }

    private static TrialStatus started(TrialStart start) {
        TrialStatus trial = new TrialStatus();
        trial.setIndex(start.index());
        trial.setState(RUNNING);
        trial.setJobName(start.jobName());
        trial.setParameters(start.parameters());
        return trial;
    }

    private static TrialStatus copy(TrialStatus trial) {
        TrialStatus copy = new TrialStatus();
        copy.setIndex(trial.getIndex());
        copy.setState(trial.getState());
        copy.setJobName(trial.getJobName());
        copy.setParameters(trial.getParameters());
        copy.setObjective(trial.getObjective());
        copy.setMessage(trial.getMessage());
        copy.setCheckpoint(trial.getCheckpoint());
        return copy;
    }

    /** Succeeded trials by objective (ties: the earlier trial), then running, stopped and failed ones, each by index. */
    static Comparator<TrialStatus> bestFirst(SearchDirection direction) {
        return bestFirst(direction, n -> 0);
    }

    /**
     * As {@link #bestFirst(SearchDirection)}, succeeded trials of a later rung first: trained longer, they are what the
     * search compares last (a trial of a lower rung measured fewer rounds, so its objective does not compete).
     */
    static Comparator<TrialStatus> bestFirst(SearchDirection direction, IntUnaryOperator rung) {
        Comparator<TrialStatus> byObjective = Comparator.comparing(TrialStatus::getObjective);
        Comparator<TrialStatus> better = direction == SearchDirection.minimize ? byObjective : byObjective.reversed();
        Comparator<TrialStatus> laterRungFirst = Comparator.comparingInt((TrialStatus t) -> rung.applyAsInt(t.getIndex())).reversed();
        return Comparator.comparingInt(SearchPlanner::rank)
                .thenComparing((a, b) -> SUCCEEDED.equals(a.getState()) && SUCCEEDED.equals(b.getState())
                        ? laterRungFirst.thenComparing(better).compare(a, b) : 0)
                .thenComparing(TrialStatus::getIndex);
    }

    private static int rank(TrialStatus trial) {
        return switch (trial.getState()) {
            case SUCCEEDED -> 0;
            case RUNNING -> 1;
            case STOPPED -> 2;
            default -> 3;
        };
    }
}
