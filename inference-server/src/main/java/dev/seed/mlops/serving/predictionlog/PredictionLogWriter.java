package dev.seed.mlops.serving.predictionlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The prediction log of one pod: a bounded in-memory queue that request threads {@link #offer} to without waiting,
 * and one writer thread that appends the records to rotated gzip files in the pod's log directory. Nothing the writer
 * does reaches the caller: what cannot be queued (the queue is at its bound) or written (the store is full, read-only
 * or gone) is dropped and counted. Files rotate by size and age and on {@link #close()}; a file is sync-flushed
 * whenever the queue runs empty and at least every {@value #FLUSH_EVERY_LINES} lines or {@value #FLUSH_EVERY_MILLIS}
 * ms, so a process killed at any moment leaves every complete file intact and its open {@code .partial} file readable
 * up to the last flush. The writer thread also expires the service's old files ({@link RetentionSweep}).
 */
public final class PredictionLogWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PredictionLogWriter.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    static final int FLUSH_EVERY_LINES = 1000;
    static final long FLUSH_EVERY_MILLIS = 1000;
    private static final long POLL_MILLIS = 500;
    /** After a failed write the store is left alone this long: a broken disk costs one attempt per second, not per line. */
    private static final long WRITE_ERROR_BACKOFF_MILLIS = 1000;

    /**
     * @param podDir          where this pod writes: {@code <store>/prediction-logs/<namespace>/<service>/<pod>}
     * @param maxQueuedLines  lines waiting at most; a record that would pass the bound is dropped
     * @param retentionMillis complete and partial files of any pod of the service older than this are deleted
     * @param drainMillis     on close, how long queued records may still be written
     */
    public record Settings(Path podDir, long maxFileBytes, long maxFileAgeMillis, int maxQueuedLines,
            long retentionMillis, long sweepEveryMillis, long drainMillis) {
    }

    private final Settings settings;
    private final LongSupplier clock;
    private final LogCounters counters;
    private final LinkedBlockingQueue<LogRecord> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedLines = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;

    // writer thread only
    private LogFile current;
    private int sequence;
    private long unflushedPredictions;
    private long unflushedLabels;
    private long lastFlushMillis;
    private long retryAfterMillis;
    private long nextSweepMillis;

    public PredictionLogWriter(Settings settings, LongSupplier clock, LogCounters counters) {
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
        this.thread = new Thread(this::run, "prediction-log-writer");
        this.thread.setDaemon(true);
    }

    public PredictionLogWriter start() {
        thread.start();
        return this;
    }

    /** Queues a record, or drops and counts it when the queue is at its bound or the log is closing; never blocks. */
    public boolean offer(LogRecord record) {
        int lines = record.lines();
        if (closing) {
            counters.drop(LogCounters.DropReason.SHUTDOWN, lines);
            return false;
        }
        if (queuedLines.addAndGet(lines) > settings.maxQueuedLines()) {
            queuedLines.addAndGet(-lines);
            counters.drop(LogCounters.DropReason.QUEUE_FULL, lines);
            return false;
        }
        queue.add(record);
        return true;
    }

    /** Lines queued and not yet written. */
    public int queuedLines() {
        return queuedLines.get();
    }

    private void run() {
        long drainUntil = Long.MAX_VALUE;
        while (true) {
            if (closing && drainUntil == Long.MAX_VALUE) {
                drainUntil = clock.getAsLong() + settings.drainMillis();
            }
            LogRecord record;
            try {
                record = closing ? queue.poll() : queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                closing = true;
                continue;
            }
            long now = clock.getAsLong();
            if (record == null && closing) {
                break;
            }
            if (record != null) {
                queuedLines.addAndGet(-record.lines());
                if (now > drainUntil) {
                    counters.drop(LogCounters.DropReason.SHUTDOWN, record.lines());
                    continue;
                }
                write(record, now);
            }
            if (record == null || queue.isEmpty() || unflushedPredictions + unflushedLabels >= FLUSH_EVERY_LINES
                    || now - lastFlushMillis >= FLUSH_EVERY_MILLIS) {
                flush(now);
            }
            if (current != null && (current.bytes() >= settings.maxFileBytes()
                    || now - current.openedMillis() >= settings.maxFileAgeMillis())) {
                seal();
            }
            if (now >= nextSweepMillis) {
                nextSweepMillis = now + settings.sweepEveryMillis();
                sweep(now);
            }
        }
        flush(clock.getAsLong());
        if (current != null) {
            seal();
        }
        for (LogRecord late; (late = queue.poll()) != null; ) { // offered while the writer was stopping
            counters.drop(LogCounters.DropReason.SHUTDOWN, late.lines());
        }
    }

    private void write(LogRecord record, long now) {
        if (now < retryAfterMillis) {
            counters.drop(LogCounters.DropReason.WRITE_ERROR, record.lines());
            return;
        }
        try {
            if (current == null) {
                current = open(now);
            }
            current.write(record);
            if (record instanceof LogRecord.Label) {
                unflushedLabels += record.lines();
            } else {
                unflushedPredictions += record.lines();
            }
        } catch (IOException | RuntimeException e) {
            counters.drop(LogCounters.DropReason.WRITE_ERROR, record.lines());
            failed(now, "write", e);
        }
    }

    private LogFile open(long now) throws IOException {
        Files.createDirectories(settings.podDir());
        String time = FILE_TIME.format(Instant.ofEpochMilli(now));
        while (true) {
            String name = time + "-" + String.format("%06d", sequence++);
            try {
                return LogFile.create(settings.podDir(), name, now);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // a file of an earlier run of this pod (a container restart) within the same second
            }
        }
    }

    private void flush(long now) {
        lastFlushMillis = now;
        if (current == null) {
            return;
        }
        try {
            current.flush();
            counters.predictions.add(unflushedPredictions);
            counters.labels.add(unflushedLabels);
        } catch (IOException | RuntimeException e) {
            counters.drop(LogCounters.DropReason.WRITE_ERROR, unflushedPredictions + unflushedLabels);
            failed(now, "flush", e);
        }
        unflushedPredictions = 0;
        unflushedLabels = 0;
    }

    private void seal() {
        try {
            Path done = current.seal();
            counters.files.increment();
            LOG.debugf("prediction log %s complete", done);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("prediction log %s could not be completed, it stays partial: %s", current.path(), e.toString());
            current.close();
        }
        current = null;
    }

    /** Gives up the open file (it stays partial, readable up to its last flush) and rests before trying again. */
    private void failed(long now, String what, Exception e) {
        LOG.warnf("prediction log: %s failed in %s, dropping lines for %d ms: %s", what, settings.podDir(),
                WRITE_ERROR_BACKOFF_MILLIS, e.toString());
        if (current != null) {
            current.close();
            current = null;
        }
        unflushedPredictions = 0;
        unflushedLabels = 0;
        retryAfterMillis = now + WRITE_ERROR_BACKOFF_MILLIS;
    }

    private void sweep(long now) {
        Path serviceDir = settings.podDir().getParent();
        long expired = RetentionSweep.sweep(serviceDir, now - settings.retentionMillis(),
                current == null ? null : current.path());
        counters.expired.add(expired);
    }

    /** Stops taking records, writes what is queued (for at most the drain time), completes the open file. */
    @Override
    public void close() {
        closing = true; // the writer notices within one poll
        try {
            thread.join(settings.drainMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
