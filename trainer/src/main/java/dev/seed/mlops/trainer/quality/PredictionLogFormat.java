package dev.seed.mlops.trainer.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.trainer.data.NumberText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads one line of the prediction log, format version 1 (docs/operations.md, "Prediction logs"): a prediction
 * {@code {"v":1,"type":"prediction","id","time","model","version","features","prediction"}} or a label
 * {@code {"v":1,"type":"label","id","label","time","received"}}. A line of another format version is refused, never
 * guessed at; so is a line missing what the join needs. Features are not read: the join needs none.
 */
final class PredictionLogFormat {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Refusals refusals;

    PredictionLogFormat(Refusals refusals) {
        this.refusals = refusals;
    }

    sealed interface Line permits PredictionLine, LabelLine {
    }

    record PredictionLine(LoggedPrediction prediction) implements Line {
    }

    record LabelLine(ArrivedLabel label) implements Line {
    }

    Optional<Line> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return refuse("malformed JSON");
        }
        if (node == null || !node.isObject()) {
            return refuse("malformed JSON");
        }
        JsonNode v = node.get("v");
        if (v == null || !v.canConvertToInt()) {
            return refuse("line without a format version v");
        }
        if (v.asInt() != VERSION || !v.isIntegralNumber()) {
            return refuse("format version v=" + v + " unknown to this reader (it reads v=" + VERSION + ")");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "prediction" -> prediction(node);
            case "label" -> label(node);
            default -> refuse("line type '" + type + "' unknown");
        };
    }

    private Optional<Line> prediction(JsonNode node) {
        String id = text(node, "id");
        Instant time = time(node, "time");
        String model = text(node, "model");
        Long version = version(node.get("version"));
        float[] output = output(node.get("prediction"));
        if (id == null || time == null || model == null || version == null || output == null) {
            return refuse("prediction line without a usable id, time, model, version or prediction");
        }
        return Optional.of(new PredictionLine(new LoggedPrediction(id, time, model, version, output)));
    }

    private Optional<Line> label(JsonNode node) {
        String id = text(node, "id");
        Instant received = time(node, "received");
        Double label = labelValue(node.get("label"));
        if (id == null || received == null) {
            return refuse("label line without a usable id or received time");
        }
        if (label == null) {
            return refuse("label that is not a finite number");
        }
        return Optional.of(new LabelLine(new ArrivedLabel(id, label, received)));
    }

    /** A label as the models take it: a number, or a string that spells one ("1"). */
    static Double labelValue(JsonNode label) {
        if (label == null) {
            return null;
        }
        if (label.isNumber()) {
            return Double.isFinite(label.asDouble()) ? label.asDouble() : null;
        }
        return label.isTextual() ? NumberText.parse(label.asText().strip()) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static Instant time(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "3", 3 or "v3": the version number the serving runtime logged. */
    private static Long version(JsonNode version) {
        if (version == null) {
            return null;
        }
        if (version.isIntegralNumber()) {
            return version.asLong() > 0 ? version.asLong() : null;
        }
        String text = version.asText("");
        text = text.startsWith("v") ? text.substring(1) : text;
        try {
            long parsed = Long.parseLong(text);
            return parsed > 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static float[] output(JsonNode prediction) {
        if (prediction == null) {
            return null;
        }
        if (prediction.isNumber()) {
            return new float[] {(float) prediction.asDouble()};
        }
        if (!prediction.isArray() || prediction.isEmpty()) {
            return null;
        }
        float[] values = new float[prediction.size()];
        for (int k = 0; k < values.length; k++) {
            if (!prediction.get(k).isNumber()) {
                return null;
            }
            values[k] = (float) prediction.get(k).asDouble();
        }
        return values;
    }

    private <T> Optional<T> refuse(String reason) {
        refusals.add(reason);
        return Optional.empty();
    }
}
