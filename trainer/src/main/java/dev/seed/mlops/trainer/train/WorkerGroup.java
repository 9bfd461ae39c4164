package dev.seed.mlops.trainer.train;

import dev.seed.mlops.trainer.TrainerException;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Communicator;
import ml.dmlc.xgboost4j.java.RabitTracker;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One worker of XGBoost's own distributed training (its collective, as xgboost4j-spark uses it): every worker trains on
 * its shard of the rows (row i belongs to worker i mod N) and XGBoost all-reduces the histograms and the evaluation, so
 * every worker grows the same trees. Worker 0 also runs the tracker the others connect to; a worker that never
 * connects fails the group after {@code timeoutSeconds}.
 *
 * @param workers        how many workers train together
 * @param rank           this worker, 0..workers-1
 * @param trackerHost    where worker 0's tracker listens (worker 0 binds it)
 * @param trackerPort    its port
 * @param timeoutSeconds how long the tracker waits for every worker to connect
 */
public record WorkerGroup(int workers, int rank, String trackerHost, int trackerPort, int timeoutSeconds) {

    public WorkerGroup {
        if (workers < 2 || rank < 0 || rank >= workers) {
            throw new TrainerException("worker " + rank + " of " + workers + ": a group has at least 2 workers, ranked 0.." + (workers - 1));
        }
    }

    /** This worker's rows of a split of {@code rows} rows. */
    public int[] shard(int rows) {
        int[] shard = new int[(rows - rank + workers - 1) / workers];
        for (int i = 0; i < shard.length; i++) {
            shard[i] = rank + i * workers;
        }
        return shard;
    }

    /** Joins the group (worker 0 starts the tracker first); closing leaves it. */
    public Membership join() throws XGBoostError {
        RabitTracker tracker = null;
        if (rank == 0) {
            tracker = new RabitTracker(workers, trackerHost, trackerPort, timeoutSeconds);
            if (!tracker.start()) {
                throw new TrainerException("the tracker for " + workers + " workers could not listen on " + trackerHost + ":" + trackerPort);
            }
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("dmlc_communicator", "rabit");
        args.put("dmlc_tracker_uri", trackerHost);
        args.put("dmlc_tracker_port", trackerPort);
        args.put("dmlc_task_id", String.valueOf(rank));
        args.put("dmlc_timeout", timeoutSeconds);
        try {
            Communicator.init(args);
        } catch (XGBoostError e) {
            TrainerException failure = new TrainerException("worker " + rank + " of " + workers + " could not join the group at "
                    + trackerHost + ":" + trackerPort + " within " + timeoutSeconds + " s (--worker-timeout): "
                    + e.getMessage().lines().filter(line -> line.startsWith("- ")).findFirst().orElse(e.getMessage()), e);
            if (tracker != null) {
                try {
                    tracker.stop();
                } catch (XGBoostError stopping) {
                    // The tracker reports the same missing worker again; the first report says it.
                    failure.addSuppressed(stopping);
                }
            }
            throw failure;
        }
        return new Membership(tracker);
    }

    /** Membership of the group: closing shuts the collective down and, on worker 0, waits for the tracker to finish. */
    public final class Membership implements AutoCloseable {
        private final RabitTracker tracker;

        private Membership(RabitTracker tracker) {
            this.tracker = tracker;
        }

        @Override
        public void close() throws XGBoostError {
            Communicator.shutdown();
            if (tracker != null) {
                tracker.waitFor(timeoutSeconds * 1000L);
                tracker.stop();
            }
        }
    }
}
