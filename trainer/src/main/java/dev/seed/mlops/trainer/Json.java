package dev.seed.mlops.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON mapper of the trainer: files it writes are pretty-printed and stable for equal content. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Specs users keep are YAML (the samples in config/samples); JSON is YAML too. */
    private static final ObjectMapper YAML = new YAMLMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static void write(Path file, Object value) {
        try {
            MAPPER.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new TrainerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a spec given inline as JSON (starts with '{') or as the path of a JSON or YAML file. The file may hold
     * the whole object (apiVersion, kind, metadata, spec), as the samples in config/samples do: its spec is read.
     */
    public static <T> T readSpec(String fileOrJson, Class<T> type) {
        String text = fileOrJson.strip();
        try {
            JsonNode tree = text.startsWith("{") ? MAPPER.readTree(text) : YAML.readTree(Files.readString(Path.of(text)));
            if (tree != null && tree.has("kind") && tree.has("spec")) {
                tree = tree.get("spec");
            }
            return MAPPER.treeToValue(tree, type);
        } catch (IOException e) {
            throw new TrainerException("cannot read the " + type.getSimpleName() + " from " + abbreviate(fileOrJson)
                    + " (JSON inline, or a JSON or YAML file): " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
