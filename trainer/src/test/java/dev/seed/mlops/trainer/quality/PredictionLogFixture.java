package dev.seed.mlops.trainer.quality;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes prediction logs in format version 1 as serving pods do: {@code <store>/prediction-logs/<namespace>/<service>/<pod>/
 * <yyyyMMdd'T'HHmmss'Z'>-<seq>.jsonl.gz}, and a file still being written as a gzip stream cut short in a {@code .partial}.
 */
final class PredictionLogFixture {
    private final Path podDirectory;
    private final List<String> lines = new ArrayList<>();
    private int sequence;

    PredictionLogFixture(Path store, String namespace, String service, String pod) {
        this.podDirectory = store.resolve("prediction-logs").resolve(namespace).resolve(service).resolve(pod);
    }

    PredictionLogFixture prediction(String id, Instant time, String model, long version, double prediction) {
        return line(String.format(Locale.ROOT,
                "{\"v\":1,\"type\":\"prediction\",\"id\":\"%s\",\"time\":\"%s\",\"model\":\"%s\",\"version\":\"%d\",\"features\":{\"age\":41},\"prediction\":%s}",
                id, time, model, version, prediction));
    }

    PredictionLogFixture prediction(String id, Instant time, String model, long version, double[] probabilities) {
        return line(String.format(Locale.ROOT,
                "{\"v\":1,\"type\":\"prediction\",\"id\":\"%s\",\"time\":\"%s\",\"model\":\"%s\",\"version\":\"%d\",\"features\":{},\"prediction\":%s}",
                id, time, model, version, Arrays.toString(probabilities)));
    }

    PredictionLogFixture label(String id, Object label, Instant received) {
        String value = label instanceof String text ? "\"" + text + "\"" : String.valueOf(label);
        return line(String.format(Locale.ROOT, "{\"v\":1,\"type\":\"label\",\"id\":\"%s\",\"label\":%s,\"time\":\"%s\",\"received\":\"%s\"}",
                id, value, received, received));
    }

    PredictionLogFixture line(String json) {
        lines.add(json);
        return this;
    }

    /** The lines so far as a complete, rotated file. */
    Path complete() {
        return write(gzip(), ".jsonl.gz");
    }

    /** The lines so far as a file still being written: the gzip stream stops {@code cutBytes} bytes before its end. */
    Path partial(int cutBytes) {
        byte[] whole = gzip();
        return write(Arrays.copyOf(whole, whole.length - cutBytes), ".jsonl.gz.partial");
    }

    private byte[] gzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.clear();
        return bytes.toByteArray();
    }

    private Path write(byte[] content, String suffix) {
        try {
            Files.createDirectories(podDirectory);
            Path file = podDirectory.resolve(String.format(Locale.ROOT, "20260101T000000Z-%d%s", ++sequence, suffix));
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
