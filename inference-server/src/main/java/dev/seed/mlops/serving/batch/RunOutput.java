package dev.seed.mlops.serving.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's output directory: {@code part-<shard>.csv} and {@code part-<shard>.json} per shard, each written under a
 * temporary name and renamed into place (a retried shard replaces its part whole; a reader never sees half of one),
 * and {@code manifest.json}, written last by whichever shard finds every summary present. A shard writes its part
 * before it looks for the others', so the last shard to finish always sees all of them; two shards finishing together
 * may both publish the same manifest, which the rename makes harmless.
 */
final class RunOutput {
    static final String MANIFEST = "manifest.json";

    private final Path directory;
    private final ObjectMapper json;

    RunOutput(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static String partName(int shard) {
        return String.format("part-%05d", shard);
    }

    Path part(int shard) {
        return directory.resolve(partName(shard) + ".csv");
    }

    Path summary(int shard) {
        return directory.resolve(partName(shard) + ".json");
    }

    Path manifest() {
        return directory.resolve(MANIFEST);
    }

    /** Writes the part through {@code body} and moves it into place; returns what the body returned. */
    <T> T writePart(int shard, PartBody<T> body) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve("." + partName(shard) + ".csv.tmp");
        T result;
        try (OutputStream stream = Files.newOutputStream(temporary);
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            result = body.write(out);
        }
        move(temporary, part(shard));
        return result;
    }

    void writeSummary(ShardSummary summary) throws IOException {
        writeJson(summary(summary.shard()), summary);
    }

    /** The manifest, if every shard's summary is there now (then this call wrote it). */
    Optional<RunManifest> publishIfComplete(int shards) throws IOException {
        List<ShardSummary> summaries = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            Path summary = summary(shard);
            if (!Files.exists(summary)) {
                return Optional.empty();
            }
            summaries.add(json.readValue(summary.toFile(), ShardSummary.class));
        }
        RunManifest manifest = RunManifest.of(summaries);
        writeJson(manifest(), manifest);
        return Optional.of(manifest);
    }

    private void writeJson(Path target, Object value) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        json.writeValue(temporary.toFile(), value);
        move(temporary, target);
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @FunctionalInterface
    interface PartBody<T> {
        T write(Writer out) throws IOException;
    }
}
