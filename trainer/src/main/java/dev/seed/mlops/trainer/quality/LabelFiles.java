package dev.seed.mlops.trainer.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.trainer.TrainerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    static List<ArrivedLabel> read(Path directory, Refusals refusals) {
        List<ArrivedLabel> labels = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return labels;
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
        return labels;
    }

    private static void csv(Path file, Instant received, List<ArrivedLabel> labels, Refusals refusals) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = lines.isEmpty() ? "" : lines.get(0).strip();
        if (!header.equals("id,label") && !header.equals("id,label,time")) {
            throw new TrainerException("label file " + file + ": the header must be id,label or id,label,time, not '" + header + "'");
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            Double label = fields.length < 2 ? null : PredictionLogFormat.labelValue(JSON.getNodeFactory().textNode(fields[1].strip()));
            add(fields[0].strip(), label, received, labels, refusals);
        }
    }

    private static void jsonLines(Path file, Instant received, List<ArrivedLabel> labels, Refusals refusals) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
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

    private static void add(String id, Double label, Instant received, List<ArrivedLabel> labels, Refusals refusals) {
        if (id.isEmpty() || label == null) {
            refusals.add("label file row without an id or a finite number as label");
            return;
        }
        labels.add(new ArrivedLabel(id, label, received));
    }

    private static Instant received(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant();
    }
}
