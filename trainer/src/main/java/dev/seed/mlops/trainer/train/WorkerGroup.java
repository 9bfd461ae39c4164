package dev.seed.mlops.trainer.train;

import dev.seed.mlops.trainer.TrainerException;
import dev.seed.mlops.trainer.data.Shard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Communicator;
import ml.dmlc.xgboost4j.java.RabitTracker;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One worker of XGBoost's own distributed training (its collective, as xgboost4j-spark uses it): every worker reads and
 * trains on its shard of the rows (row i of a split file belongs to worker i mod N) and XGBoost all-reduces the histograms and the evaluation, so
 * every worker grows the same trees. Worker 0 also runs the tracker the others connect to; a worker that never
 * connects fails the group after {@code timeoutSeconds}. Failing to form the group is not the input's fault: it is
 * reported as a failure a new attempt may get past.
 *
 * @param workers        how many workers train together
 * @param rank           this worker, 0..workers-1
 * @param trackerHost    where the other workers reach worker 0's tracker (in a pod: the address of a Service that
 *                       selects worker 0's pod)
 * @param bindHost       where worker 0's tracker listens and worker 0 joins from (in a pod: its own IP, the address the
 *                       tracker tells the others)
 * @param trackerPort    the tracker's port; worker 0 says its tracker started on the next port
 * @param timeoutSeconds how long the tracker waits for every worker to connect, and a worker for the tracker to start
 */
public record WorkerGroup(int workers, int rank, String trackerHost, String bindHost, int trackerPort, int timeoutSeconds) {
    /** XGBoost's attempts to connect to the tracker and to the other workers, once the tracker is known to listen. */
    private static final int CONNECT_RETRIES = 5;
    private static final long PROBE_INTERVAL_MILLIS = 500;

    public WorkerGroup {
        if (workers < 2 || rank < 0 || rank >= workers) {
            throw new TrainerException("worker " + rank + " of " + workers + ": a group has at least 2 workers, ranked 0.." + (workers - 1));
        }
    }

    /** This worker's rows of each split file. */
    public Shard shard() {
        return new Shard(rank, workers);
    }

    /** Joins the group (worker 0 starts the tracker first); closing leaves it. */
    public Membership join() throws XGBoostError {
        RabitTracker tracker = null;
        ReadySignal ready = null;
        String connectTo = trackerHost;
        if (rank == 0) {
            connectTo = bindHost;
            tracker = new RabitTracker(workers, bindHost, trackerPort, timeoutSeconds);
            if (!tracker.start()) {
                throw TrainerException.transientFailure("the tracker for " + workers + " workers could not listen on " + bindHost + ":" + trackerPort, null);
            }
            ready = new ReadySignal(bindHost, trackerPort + 1);
        } else {
            awaitTracker();
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
            if (ready != null) {
                ready.close();
            }
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
        return new Membership(tracker, ready);
    }

    /**
     * Waits until worker 0's tracker listens, up to the timeout: worker 0 answers on the port after the tracker's as soon
     * as its tracker started ({@link ReadySignal}). Worker 0's pod may start long after the others (scheduling, image
     * pulls), longer than XGBoost's few connection retries last, and a probe of the tracker's own port would reach the
     * tracker as a worker that says nothing.
     */
    private void awaitTracker() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(trackerHost, trackerPort + 1), (int) PROBE_INTERVAL_MILLIS);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw TrainerException.transientFailure("worker " + rank + " of " + workers + ": the tracker at " + trackerHost + ":" + trackerPort
                            + " did not start within " + timeoutSeconds + " s (--worker-timeout): worker 0 never started, or failed first", e);
                }
            }
            try {
                Thread.sleep(PROBE_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TrainerException.transientFailure("interrupted while waiting for the tracker at " + trackerHost, e);
            }
        }
    }

    /** Worker 0's answer on the port after the tracker's: accepts and closes connections while the group forms and trains. */
    private static final class ReadySignal implements AutoCloseable {
        private final ServerSocket socket;

        ReadySignal(String host, int port) {
            try {
                socket = new ServerSocket();
                socket.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                throw TrainerException.transientFailure("worker 0 could not listen on " + host + ":" + port + " to tell the others its tracker started", e);
            }
            Thread answering = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                        // The connection itself is the answer.
                    } catch (IOException e) {
                        // Closed: the worker left the group.
                    }
                }
            }, "tracker-ready");
            answering.setDaemon(true);
            answering.start();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing left to answer.
            }
        }
    }

    /** Membership of the group: closing shuts the collective down and, on worker 0, waits for the tracker to finish. */
    public final class Membership implements AutoCloseable {
        private final RabitTracker tracker;
        private final ReadySignal ready;

        private Membership(RabitTracker tracker, ReadySignal ready) {
            this.tracker = tracker;
            this.ready = ready;
        }

        /**
         * The largest of every worker's value, as a 32-bit float (exact for class indexes); an all-reduce: every worker
         * must call it, and gets the same answer.
         */
        public double largest(double value) {
            return Communicator.allReduce(new float[] {(float) value}, Communicator.OpType.MAX)[0];
        }

        @Override
        public void close() throws XGBoostError {
            if (ready != null) {
                ready.close();
            }
            Communicator.shutdown();
            if (tracker != null) {
                tracker.waitFor(timeoutSeconds * 1000L);
                tracker.stop();
            }
        }
    }
}
