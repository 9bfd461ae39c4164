package dev.seed.mlops.trainer.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.trainer.TrainerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Label files a user drops into {@code <store>/labels/<namespace>/<inferenceservice>/}: CSV with the header
 * {@code id,label[,time]} (plain, unquoted fields) or JSON lines {@code {"id","label","time"}}. A label counts as
 * received when its file was last modified. A file whose header is wrong is bad input (the Job fails, naming it); a
 * row without a usable id or label is refused and counted.
 */
final class LabelFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelFiles() {
    }

    /** Hands every label of the files to {@code labels}, line by line (a file is never held whole). */
    static void read(Path directory, Consumer<ArrivedLabel> labels, Refusals refusals) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".csv")) {
                    csv(file, received(file), labels, refusals);
                } else if (name.endsWith(".jsonl")) {
                    jsonLines(file, received(file), labels, refusals);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the label files in " + directory, e);
        }
    }

    private static void csv(Path file, Instant received, Consumer<ArrivedLabel> labels, Refusals refusals) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            String header = first == null ? "" : first.strip();
            if (!header.equals("id,label") && !header.equals("id,label,time")) {
                throw new TrainerException("label file " + file + ": the header must be id,label or id,label,time, not '" + header + "'");
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                Double label = fields.length < 2 ? null : PredictionLogFormat.labelValue(JSON.getNodeFactory().textNode(fields[1].strip()));
                add(fields[0].strip(), label, received, labels, refusals);
            }
        }
    }

    private static void jsonLines(Path file, Instant received, Consumer<ArrivedLabel> labels, Refusals refusals) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    add(node.path("id").asText(""), PredictionLogFormat.labelValue(node.get("label")), received, labels, refusals);
                } catch (JsonProcessingException e) {
                    refusals.add("label file line that is not JSON");
                }
            }
        }
    }

    private static void add(String id, Double label, Instant received, Consumer<ArrivedLabel> labels, Refusals refusals) {
        if (id.isEmpty() || label == null) {
            refusals.add("label file row without an id or a finite number as label");
            return;
        }
        labels.accept(new ArrivedLabel(id, label, received));
    }

    private static Instant received(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }
}
