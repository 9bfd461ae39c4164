package dev.seed.mlops.serving.predictionlog;

import dev.seed.mlops.store.ObjectStoreException;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;

/**
 * Moves a pod's prediction log from its local spool directory to an object store (docs/prediction-log.md, On S3).
 * Only completed files ({@code .jsonl.gz}) are uploaded, each in one PUT, so an object under its complete name is
 * always a whole file; {@code .partial} files an earlier container of the pod left behind (killed before it could
 * complete them) are uploaded under their partial name, which readers take up to the break. A file is deleted
 * locally once it is stored. A failed upload ends the pass (the store is likely down for the files behind it too)
 * and is retried at the next; a file still not stored {@code giveUpMillis} after its first failure is deleted and its
 * lines counted as dropped for {@code write_error}. The same thread expires the service's old objects.
 */
final class LogUpload implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogUpload.class);

    /**
     * @param spoolDir     the writer's pod directory on local disk
     * @param podPrefix    where this pod's files go: {@code <store>/prediction-logs/<namespace>/<service>/<pod>}
     * @param everyMillis  how often the spool is looked at
     * @param giveUpMillis how long a file that cannot be uploaded is retried
     */
    record Settings(Path spoolDir, S3Uri podPrefix, long everyMillis, long giveUpMillis, long retentionMillis,
            long sweepEveryMillis, long drainMillis) {
    }

    private final Settings settings;
    private final S3Store store;
    private final LongSupplier clock;
    private final LogCounters counters;
    private final Map<Path, Long> failingSince = new HashMap<>();
    private final Object wake = new Object();
    private final Thread thread;
    private volatile boolean closing;
    private Set<Path> leftovers = Set.of();
    private long nextSweepMillis;

    LogUpload(Settings settings, S3Store store, LongSupplier clock, LogCounters counters) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.counters = counters;
        this.thread = new Thread(this::run, "prediction-log-upload");
        this.thread.setDaemon(true);
    }

    /** Takes note of the partial files an earlier container left; call before the writer starts a file of its own. */
    LogUpload adoptLeftovers() {
        leftovers = Set.copyOf(spooled(LogFile.PARTIAL));
        return this;
    }

    LogUpload start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!closing) {
            pass();
            synchronized (wake) {
                if (!closing) {
                    try {
                        wake.wait(settings.everyMillis());
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
            }
        }
    }

    /** Uploads what is complete, oldest first, until one upload fails; gives up files failing for too long; sweeps. */
    void pass() {
        long now = clock.getAsLong();
        for (Path file : uploadable()) {
            if (!upload(file, now)) {
                break;
            }
        }
        giveUpStale(now);
        if (now >= nextSweepMillis) {
            nextSweepMillis = now + settings.sweepEveryMillis();
            sweep(now);
        }
    }

    private List<Path> uploadable() {
        return Stream.concat(spooled(LogFile.COMPLETE).stream(), leftovers.stream().filter(Files::exists)).sorted().toList();
    }

    private boolean upload(Path file, long now) {
        S3Uri target = settings.podPrefix().resolve(file.getFileName().toString());
        try {
            store.upload(target, file);
        } catch (ObjectStoreException | IOException e) {
            counters.uploadFailures.increment();
            if (failingSince.putIfAbsent(file, now) == null) {
                LOG.warnf("prediction log: cannot upload %s, retrying for %d s: %s", file.getFileName(),
                        settings.giveUpMillis() / 1000, e.getMessage());
            }
            return false;
        }
        failingSince.remove(file);
        counters.uploaded.increment();
        delete(file);
        return true;
    }

    private void giveUpStale(long now) {
        failingSince.entrySet().removeIf(failing -> {
            if (now - failing.getValue() < settings.giveUpMillis()) {
                return false;
            }
            long lines = lines(failing.getKey());
            counters.drop(LogCounters.DropReason.WRITE_ERROR, lines);
            LOG.errorf("prediction log: gave up uploading %s to %s after %d s, %d lines dropped", failing.getKey().getFileName(),
                    settings.podPrefix(), settings.giveUpMillis() / 1000, lines);
            delete(failing.getKey());
            return true;
        });
    }

    /** Deletes the service's objects (every pod's) last written before now − retention. */
    private void sweep(long now) {
        S3Uri service = parent(settings.podPrefix());
        long before = now - settings.retentionMillis();
        try {
            for (StoredObject object : store.objects(service)) {
                if (isLogFile(object.key()) && object.lastModified().toEpochMilli() < before) {
                    store.delete(service.resolve(object.key()));
                    counters.expired.increment();
                }
            }
        } catch (ObjectStoreException e) {
            LOG.warnf("prediction log: retention could not run on %s: %s", service, e.getMessage());
        }
    }

    private static boolean isLogFile(String key) {
        return key.endsWith(LogFile.COMPLETE) || key.endsWith(LogFile.PARTIAL);
    }

    private static S3Uri parent(S3Uri uri) {
        return new S3Uri(uri.bucket(), uri.key().substring(0, uri.key().lastIndexOf('/')));
    }

    private List<Path> spooled(String suffix) {
        if (!Files.isDirectory(settings.spoolDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(settings.spoolDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            LOG.warnf("prediction log: cannot list %s: %s", settings.spoolDir(), e.toString());
            return List.of();
        }
    }

    /** The lines of a gzip log file, up to where a partial file breaks off. */
    static long lines(Path file) {
        long lines = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } catch (IOException e) {
            // a partial file ends in a broken gzip stream: the lines before the break are counted
        }
        return lines;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("prediction log: cannot delete %s: %s", file, e.toString());
        }
    }

    /**
     * Stops the background passes and makes a last one for what the writer completed on its own close, for at most
     * the drain time; what is still spooled then is counted as dropped at shutdown.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(settings.drainMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            long deadline = clock.getAsLong() + settings.drainMillis();
            for (Path file : uploadable()) {
                if (clock.getAsLong() > deadline || !upload(file, clock.getAsLong())) {
                    break;
                }
            }
        }
        for (Path file : uploadable()) {
            counters.drop(LogCounters.DropReason.SHUTDOWN, lines(file));
        }
    }
}
