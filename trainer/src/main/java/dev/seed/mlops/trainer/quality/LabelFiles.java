package dev.seed.mlops.trainer.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.trainer.TrainerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.seed.mlops.trainer.store.StoreFile;
import dev.seed.mlops.trainer.store.StoreLocation;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.function.Consumer;

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
    static void read(StoreLocation directory, Consumer<ArrivedLabel> labels, Refusals refusals) {
        for (StoreFile file : StoreFile.list(directory, 1)) {
            try {
                if (file.name().endsWith(".csv")) {
                    csv(file, labels, refusals);
                } else if (file.name().endsWith(".jsonl")) {
                    jsonLines(file, labels, refusals);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the label file " + file, e);
            }
        }
    }

    private static void csv(StoreFile file, Consumer<ArrivedLabel> labels, Refusals refusals) throws IOException {
        Instant received = file.modified();
        try (BufferedReader reader = reader(file)) {
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

    private static void jsonLines(StoreFile file, Consumer<ArrivedLabel> labels, Refusals refusals) throws IOException {
        Instant received = file.modified();
        try (BufferedReader reader = reader(file)) {
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

    private static BufferedReader reader(StoreFile file) throws IOException {
        return new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8));
    }
}
