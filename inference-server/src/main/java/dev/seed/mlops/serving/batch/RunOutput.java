package dev.seed.mlops.serving.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seed.mlops.store.S3Uri;
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
 * A run's output directory, on a claim or on S3: {@code part-<shard>.csv} and {@code part-<shard>.json} per shard,
 * and {@code manifest.json}, written last by whichever shard finds every summary present. Each file is written whole
 * under a temporary name and then put in place: renamed on a claim, uploaded on S3 (an object appears only once its
 * upload completed), so a retried shard replaces its part whole and a reader never sees half of one. A shard writes
 * its part before it looks for the others', so the last shard to finish always sees all of them; two shards
 * finishing together may both publish the same manifest, which is harmless.
 */
final class RunOutput {
    static final String MANIFEST = "manifest.json";

    private final String location;
    private final RunStore store;
    private final Path scratch;
    private final ObjectMapper json;

    /**
     * @param location a local directory or {@code s3://<bucket>/<key>}
     * @param scratch  where files bound for S3 are written before they are uploaded
     */
    RunOutput(String location, RunStore store, Path scratch, ObjectMapper json) {
        this.location = location;
        this.store = store;
        this.scratch = scratch;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static String partName(int shard) {
        return String.format("part-%05d", shard);
    }

    static String part(int shard) {
        return partName(shard) + ".csv";
    }

    static String summary(int shard) {
        return partName(shard) + ".json";
    }

    /** Writes the part through {@code body} and puts it in place; returns what the body returned. */
    <T> T writePart(int shard, PartBody<T> body) throws IOException {
        Path temporary = temporary(part(shard));
        T result;
        try (OutputStream stream = Files.newOutputStream(temporary);
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            result = body.write(out);
        }
        place(temporary, part(shard));
        return result;
    }

    void writeSummary(ShardSummary summary) throws IOException {
        writeJson(summary(summary.shard()), summary);
    }

    /** The manifest, if every shard's summary is there now (then this call wrote it). */
    Optional<RunManifest> publishIfComplete(int shards) throws IOException {
        List<ShardSummary> summaries = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            Optional<byte[]> summary = read(summary(shard));
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            summaries.add(json.readValue(summary.get(), ShardSummary.class));
        }
        RunManifest manifest = RunManifest.of(summaries);
        writeJson(MANIFEST, manifest);
        return Optional.of(manifest);
    }

    private boolean onS3() {
        return S3Uri.isS3(location);
    }

    private void writeJson(String name, Object value) throws IOException {
        Path temporary = temporary(name);
        json.writeValue(temporary.toFile(), value);
        place(temporary, name);
    }

    /** Beside its target on a claim (so the rename stays on one file system), in the scratch directory for S3. */
    private Path temporary(String name) throws IOException {
        Path directory = onS3() ? scratch : Path.of(location);
        Files.createDirectories(directory);
        return directory.resolve("." + name + ".tmp");
    }

    private void place(Path temporary, String name) throws IOException {
        if (!onS3()) {
            Files.move(temporary, Path.of(location).resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            store.s3().upload(S3Uri.parse(location).resolve(name), temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Optional<byte[]> read(String name) throws IOException {
        if (!onS3()) {
            Path file = Path.of(location).resolve(name);
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
        S3Uri uri = S3Uri.parse(location).resolve(name);
        return store.s3().exists(uri) ? Optional.of(store.s3().readAll(uri)) : Optional.empty();
    }

    @FunctionalInterface
    interface PartBody<T> {
        T write(Writer out) throws IOException;
    }
}
