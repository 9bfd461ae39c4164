package dev.seed.mlops.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link JobResult} where Kubernetes reads a container's termination message. Kubernetes keeps at most
 * 4096 bytes, so a long message is shortened to fit; the rest of the result is small by design. Shared by the trainer
 * and the inference server's batch shards.
 */
public final class TerminationLog {
    public static final int MAX_BYTES = 4096;
    private static final ObjectWriter COMPACT = new ObjectMapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path file;
    private final PrintStream diagnostics;

    public TerminationLog(Path file, PrintStream diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    public void write(JobResult result) {
        try {
            Files.write(file, fitted(result).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Outside a Pod there may be no termination log; the result is still printed.
            diagnostics.println("could not write the result to " + file + ": " + e);
        }
    }

    public static String fitted(JobResult result) throws JsonProcessingException {
        String json = COMPACT.writeValueAsString(result);
        String message = result.message();
        while (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES && message != null && !message.isEmpty()) {
            int excess = json.getBytes(StandardCharsets.UTF_8).length - MAX_BYTES;
            message = message.substring(0, Math.max(0, message.length() - excess - 3)) + "...";
            json = COMPACT.writeValueAsString(result.withMessage(message));
        }
        return json;
    }

    public static String toJson(JobResult result) throws JsonProcessingException {
        return COMPACT.writeValueAsString(result);
    }
}
