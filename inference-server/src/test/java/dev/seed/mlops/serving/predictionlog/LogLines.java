package dev.seed.mlops.serving.predictionlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.artifact.ModelManifest;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads prediction logs as the format's contract tells a reader to: complete files whole (any fault fails the test),
 * partial files line by line up to the first line that cannot be read.
 */
final class LogLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two features: a number and a category (a, b, c). */
    static final FeatureSchema SCHEMA = new FeatureSchema(new ModelManifest(1, "xgboost", "model.xgb", "0".repeat(64),
            "binary", 2, "y", List.of(new ModelManifest.ManifestFeature("income", "numeric", null),
                    new ModelManifest.ManifestFeature("plan", "categorical", List.of("a", "b", "c"))),
            null, null, null, null, null));

    private LogLines() {
    }

    /** A prediction record of {@code rows} rows: income = row, plan = row % 3, prediction = row / 10. */
    static LogRecord.Prediction prediction(String id, int rows, long timeMillis) {
        FeatureBatch batch = new FeatureBatch(SCHEMA);
        float[] predictions = new float[rows];
        for (int r = 0; r < rows; r++) {
            batch.addRow();
            batch.setNumber(r, 0, r);
            batch.setNumber(r, 1, r % 3);
            predictions[r] = r / 10f;
        }
        return new LogRecord.Prediction(id, timeMillis, "credit", "3", batch, predictions, 1);
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every log file under {@code dir}. */
    static List<JsonNode> read(Path dir) {
        List<JsonNode> lines = new ArrayList<>();
        for (Path file : files(dir, LogFile.COMPLETE)) {
            lines.addAll(readComplete(file));
        }
        for (Path file : files(dir, LogFile.PARTIAL)) {
            lines.addAll(readPartial(file));
        }
        return lines;
    }

    static List<JsonNode> readComplete(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = reader(file)) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a complete file must read whole: " + file, e);
        }
        return lines;
    }

    /**
     * The bytes of the gzip stream up to where it breaks off, split into lines by hand: a Reader over a truncated
     * stream would lose the characters it had decoded in the read that hit the end.
     */
    static List<JsonNode> readPartial(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) != -1; ) {
                bytes.write(chunk, 0, n);
            }
        } catch (IOException endOfTruncatedStream) {
            // a partial file's gzip stream has no end: what was read before is what it holds
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        int start = 0;
        for (int end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
            try {
                lines.add(JSON.readTree(text.substring(start, end)));
            } catch (IOException unreadable) {
                break;
            }
        }
        return lines;
    }

    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8));
    }
}
