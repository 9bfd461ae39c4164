package dev.seed.mlops.serving.predictionlog;

import java.util.concurrent.atomic.LongAdder;

/** What the prediction log did with the lines it was given; exported as mlops_prediction_log_* counters. */
public final class LogCounters {

    /** Why lines were dropped. */
    public enum DropReason {
        /** The in-memory queue was at its bound: the writer could not keep up. */
        QUEUE_FULL,
        /** The store could not be written: full, read-only, missing. */
        WRITE_ERROR,
        /** Still queued when the pod stopped and the drain time was over. */
        SHUTDOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final LongAdder predictions = new LongAdder();
    final LongAdder labels = new LongAdder();
    final LongAdder files = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder uploaded = new LongAdder();
    final LongAdder uploadFailures = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[DropReason.values().length];

    public LogCounters() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    void drop(DropReason reason, long lines) {
        dropped[reason.ordinal()].add(lines);
    }

    /** Lines dropped for this reason. */
    public long dropped(DropReason reason) {
        return dropped[reason.ordinal()].sum();
    }

    /** Prediction lines written and flushed to the operating system. */
    public long predictions() {
        return predictions.sum();
    }

    /** Label lines written and flushed to the operating system. */
    public long labels() {
        return labels.sum();
    }

    /** Files completed (renamed from .partial). */
    public long files() {
        return files.sum();
    }

    /** Files deleted by retention. */
    public long expired() {
        return expired.sum();
    }

    /** Files uploaded to the object store. */
    public long uploaded() {
        return uploaded.sum();
    }

    /** Uploads to the object store that failed (each is retried until the give-up time). */
    public long uploadFailures() {
        return uploadFailures.sum();
    }
}
