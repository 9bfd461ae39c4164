package dev.seed.mlops.serving.predictionlog;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Format version 1 of the prediction log's lines (docs/prediction-log.md): one JSON object per line, predictions and
 * labels alike. The evaluation Job reads exactly this; a change of meaning gets a new {@code "v"}.
 */
public final class RecordFormat {

    public static final int VERSION = 1;
    /** ISO-8601 in UTC with milliseconds, always three digits: 2026-12-02T00:45:12.300Z. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RecordFormat() {
    }

    /** Writes the record's lines, each ended by a newline. */
    public static void write(JsonGenerator json, LogRecord record) throws IOException {
        if (record instanceof LogRecord.Prediction prediction) {
            writePrediction(json, prediction);
        } else {
            writeLabel(json, (LogRecord.Label) record);
        }
    }

    /** The id of one row of a request: the request's id for a one-row request, {@code <id>#<row>} otherwise. */
    public static String rowId(String requestId, int rows, int row) {
        return rows == 1 ? requestId : requestId + "#" + row;
    }

    private static void writePrediction(JsonGenerator json, LogRecord.Prediction record) throws IOException {
        FeatureBatch batch = record.batch();
        FeatureSchema schema = batch.schema();
        String time = TIME.format(Instant.ofEpochMilli(record.timeMillis()));
        for (int row = 0; row < batch.rows(); row++) {
            json.writeStartObject();
            json.writeNumberField("v", VERSION);
            json.writeStringField("type", "prediction");
            json.writeStringField("id", rowId(record.id(), batch.rows(), row));
            json.writeStringField("time", time);
            json.writeStringField("model", record.model());
            json.writeStringField("version", record.version());
            json.writeObjectFieldStart("features");
            for (int f = 0; f < batch.width(); f++) {
                json.writeFieldName(schema.name(f));
                writeFeature(json, batch, row, f);
            }
            json.writeEndObject();
            json.writeFieldName("prediction");
            int width = record.width();
            if (width == 1) {
                writeNumber(json, record.predictions()[row]);
            } else {
                json.writeStartArray();
                for (int c = 0; c < width; c++) {
                    writeNumber(json, record.predictions()[row * width + c]);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /** Numbers as the model took them (32-bit floats), categories by name, missing values and unknown categories as null. */
    private static void writeFeature(JsonGenerator json, FeatureBatch batch, int row, int feature) throws IOException {
        float value = batch.value(row, feature);
        if (Float.isNaN(value)) {
            json.writeNull();
        } else if (batch.schema().isCategorical(feature)) {
            json.writeString(batch.schema().features().get(feature).categories().get((int) value));
        } else {
            json.writeNumber(value);
        }
    }

    private static void writeNumber(JsonGenerator json, float value) throws IOException {
        if (Float.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeNull();
        }
    }

    private static void writeLabel(JsonGenerator json, LogRecord.Label record) throws IOException {
        json.writeStartObject();
        json.writeNumberField("v", VERSION);
        json.writeStringField("type", "label");
        json.writeStringField("id", record.id());
        json.writeFieldName("label");
        if (record.label() instanceof Double number) {
            if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                json.writeNumber(number.longValue());
            } else {
                json.writeNumber(number);
            }
        } else {
            json.writeString(String.valueOf(record.label()));
        }
        json.writeStringField("time", TIME.format(Instant.ofEpochMilli(record.timeMillis())));
        json.writeStringField("received", TIME.format(Instant.ofEpochMilli(record.receivedMillis())));
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
