package dev.seed.mlops.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON mapper of the trainer: files it writes are pretty-printed and stable for equal content. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

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

    /** Reads a spec given either inline (starts with '{') or as the path of a JSON file. */
    public static <T> T readSpec(String fileOrJson, Class<T> type) {
        String text = fileOrJson.strip();
        try {
            if (!text.startsWith("{")) {
                text = Files.readString(Path.of(text));
            }
            return MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new TrainerException("cannot read the " + type.getSimpleName() + " from " + abbreviate(fileOrJson)
                    + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
