package dev.seed.mlops.trainer.train;

import dev.seed.mlops.trainer.TrainerException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Communicator;
import ml.dmlc.xgboost4j.java.RabitTracker;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One worker of XGBoost's own distributed training (its collective, as xgboost4j-spark uses it): every worker trains on
 * its shard of the rows (row i belongs to worker i mod N) and XGBoost all-reduces the histograms and the evaluation, so
 * every worker grows the same trees. Worker 0 also runs the tracker the others connect to; a worker that never
 * connects fails the group after {@code timeoutSeconds}. Failing to form the group is not the input's fault: it is
 * reported as a failure a new attempt may get past.
 *
 * @param workers        how many workers train together
 * @param rank           this worker, 0..workers-1
 * @param trackerHost    where the other workers find worker 0's tracker (in a pod: a name of a headless Service)
 * @param bindHost       where worker 0's tracker listens and worker 0 joins from (in a pod: its own IP, which the
 *                       tracker tells the others; the name may not resolve yet when worker 0 starts)
 * @param trackerPort    the tracker's port
 * @param timeoutSeconds how long the tracker waits for every worker to connect, and a worker for the tracker's name
 */
public record WorkerGroup(int workers, int rank, String trackerHost, String bindHost, int trackerPort, int timeoutSeconds) {
    /**
     * Connection attempts to the tracker, which may start a little after the others (XGBoost waits longer between
     * attempts each time: about a minute and a half in all).
     */
    private static final int CONNECT_RETRIES = 10;
    private static final long RESOLVE_INTERVAL_MILLIS = 500;

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
        String connectTo = trackerHost;
        if (rank == 0) {
            connectTo = bindHost;
            tracker = new RabitTracker(workers, bindHost, trackerPort, timeoutSeconds);
            if (!tracker.start()) {
                throw TrainerException.transientFailure("the tracker for " + workers + " workers could not listen on " + bindHost + ":" + trackerPort, null);
            }
        } else {
            awaitName(trackerHost);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("dmlc_communicator", "rabit");
        args.put("dmlc_tracker_uri", connectTo);
        args.put("dmlc_tracker_port", trackerPort);
        args.put("dmlc_task_id", String.valueOf(rank));
        args.put("dmlc_timeout_sec", timeoutSeconds);
        args.put("dmlc_retry", CONNECT_RETRIES);
        try {
            Communicator.init(args);
        } catch (XGBoostError e) {
            TrainerException failure = TrainerException.transientFailure("worker " + rank + " of " + workers + " could not join the group at "
                    + connectTo + ":" + trackerPort + " within " + timeoutSeconds + " s (--worker-timeout): "
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

    /** A headless Service's name for worker 0 resolves once its pod has an address: wait for it, up to the timeout. */
    private void awaitName(String host) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            try {
                InetAddress.getByName(host);
                return;
            } catch (UnknownHostException e) {
                if (System.nanoTime() > deadline) {
                    throw TrainerException.transientFailure("worker " + rank + " of " + workers + ": the tracker's name " + host
                            + " did not resolve within " + timeoutSeconds + " s (--worker-timeout): worker 0 never started", e);
                }
            }
            try {
                Thread.sleep(RESOLVE_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TrainerException.transientFailure("interrupted while waiting for the tracker " + host, e);
            }
        }
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
