package dev.seed.mlops.serving.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM in the middle of writing its prediction log: every complete file reads whole, the partial file is
 * recognisable by its name and readable up to where it breaks off, and every line the writer had flushed before the
 * kill is there.
 */
class PredictionLogKillTest {

    private static final long FLUSHED_BEFORE_KILL = 5_000;

    @TempDir
    Path store;

    @Test
    void aWriterKilledMidWriteLosesNoFlushedLineAndCorruptsNoCompleteFile() throws Exception {
        Path podDir = store.resolve("prediction-logs/ns/svc/pod-0");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogWriterChild.class.getName(), podDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long flushed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] words = line.split(" ");
                flushed = Long.parseLong(words[1]);
                if (flushed >= FLUSHED_BEFORE_KILL && Long.parseLong(words[3]) >= 2) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no rename
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(flushed).as("the child reported its progress").isGreaterThanOrEqualTo(FLUSHED_BEFORE_KILL);

        List<Path> complete = LogLines.files(store, LogFile.COMPLETE);
        List<Path> partial = LogLines.files(store, LogFile.PARTIAL);
        assertThat(complete).hasSizeGreaterThanOrEqualTo(2);
        // one file open when the kill came, or none if it came between a rotation and the next line
        assertThat(partial).hasSizeLessThanOrEqualTo(1);
        complete.forEach(LogLines::readComplete); // throws if any complete file is not whole
        Set<String> ids = new HashSet<>();
        for (JsonNode line : LogLines.read(store)) {
            assertThat(ids.add(line.get("id").asText())).as("no line twice").isTrue();
            assertThat(line.get("type").asText()).isEqualTo("prediction");
        }
        for (long lineNo = 0; lineNo < flushed; lineNo++) {
            assertThat(ids).contains("r" + lineNo / 2 + "#" + lineNo % 2);
        }
    }

}
