package dev.seed.mlops.serving.predictionlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * One log file while it is written: {@code <name>.jsonl.gz.partial}, a gzip stream that is sync-flushed at
 * {@link #flush()}, so everything written before the last flush can be read back even if the process is killed;
 * {@link #seal()} ends the gzip stream and renames it to {@code <name>.jsonl.gz}, the mark of a complete file.
 */
final class LogFile implements AutoCloseable {

    static final String COMPLETE = ".jsonl.gz";
    static final String PARTIAL = COMPLETE + ".partial";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path partial;
    private final Path complete;
    private final long openedMillis;
    private final CountingStream file;
    private final GZIPOutputStream gzip;
    private final JsonGenerator json;

    private LogFile(Path partial, Path complete, long openedMillis) throws IOException {
        this.partial = partial;
        this.complete = complete;
        this.openedMillis = openedMillis;
        // a FileOutputStream, not a channel: an interrupted writer thread must not close the file under it
        this.file = new CountingStream(new BufferedOutputStream(new FileOutputStream(partial.toFile()), 64 * 1024));
        this.gzip = new GZIPOutputStream(file, 64 * 1024, true);
        this.json = JSON.createGenerator(gzip);
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    /** Creates {@code <dir>/<baseName>.jsonl.gz.partial}; fails if it or its complete twin exists. */
    static LogFile create(Path dir, String baseName, long nowMillis) throws IOException {
        Path complete = dir.resolve(baseName + COMPLETE);
        Path partial = dir.resolve(baseName + PARTIAL);
        if (Files.exists(complete) || Files.exists(partial)) {
            throw new FileAlreadyExistsException(complete.toString());
        }
        return new LogFile(partial, complete, nowMillis);
    }

    void write(LogRecord record) throws IOException {
        RecordFormat.write(json, record);
    }

    /** Hands every line written so far to the operating system as a decodable gzip block. */
    void flush() throws IOException {
        json.flush();
        gzip.flush();
    }

    /** Ends the gzip stream and renames the file to its complete name. */
    Path seal() throws IOException {
        json.flush();
        gzip.finish();
        file.close();
        Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
        return complete;
    }

    /** Closes without ending the stream: the file stays {@code .partial}, readable up to its last flush. */
    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // the file is given up on; its name already says it is partial
        }
    }

    /** Compressed bytes written. */
    long bytes() {
        return file.count;
    }

    long openedMillis() {
        return openedMillis;
    }

    Path path() {
        return partial;
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
