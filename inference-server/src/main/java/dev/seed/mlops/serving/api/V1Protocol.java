package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seed.mlops.serving.model.FeatureBatch;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.model.ServedModel;
import dev.seed.mlops.serving.tensor.Features;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Arrays;

/**
 * KServe V1: {@code {"instances": [...]}} → {@code {"predictions": [...]}}. An instance is either an array of
 * values in the model's feature order or an object keyed by feature name; null (or NaN) is a missing value.
 */
final class V1Protocol implements InferenceProtocol {

    @Override
    public Request decode(byte[] body, FeatureSchema schema, int maxRows) throws IOException {
        try (JsonParser json = Json.parser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("WrongShape", "the body must be a JSON object with \"instances\"");
            }
            FeatureBatch batch = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (!"instances".equals(field) && !"inputs".equals(field)) {
                    json.skipChildren();
                } else if (batch != null) {
                    throw ApiError.badRequest("WrongShape", "give \"instances\" once");
                } else {
                    batch = readInstances(json, schema, maxRows);
                }
            }
            if (json.nextToken() != null) {
                throw ApiError.badRequest("MalformedJson", "content after the end of the JSON object");
            }
            if (batch == null || batch.rows() == 0) {
                throw ApiError.badRequest("WrongShape", "\"instances\" must be a non-empty array of rows");
            }
            return new Request(batch, null);
        }
    }

    private static FeatureBatch readInstances(JsonParser json, FeatureSchema schema, int maxRows) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw ApiError.badRequest("WrongShape", "\"instances\" must be an array of rows");
        }
        FeatureBatch batch = new FeatureBatch(schema);
        boolean[] seen = new boolean[schema.size()];
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (batch.rows() == maxRows) {
                throw ApiError.tooLarge("more than " + maxRows + " rows in one request");
            }
            int row = batch.addRow();
            switch (json.currentToken()) {
                case START_ARRAY -> readArrayRow(json, batch, row);
                case START_OBJECT -> readObjectRow(json, batch, row, seen);
                default -> throw ApiError.badRequest("WrongShape", "row " + row
                        + " must be an array of values in feature order or an object keyed by feature name "
                        + Features.describe(schema));
            }
        }
        return batch;
    }

    private static void readArrayRow(JsonParser json, FeatureBatch batch, int row) throws IOException {
        int feature = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            if (feature == batch.width()) {
                throw wrongWidth(batch, row, "more than " + batch.width());
            }
            readValue(json, batch, row, feature++);
        }
        if (feature != batch.width()) {
            throw wrongWidth(batch, row, Integer.toString(feature));
        }
    }

    private static ApiError wrongWidth(FeatureBatch batch, int row, String count) {
        return ApiError.badRequest("WrongShape", "row " + row + " has " + count + " values; the model takes "
                + batch.width() + " features " + Features.describe(batch.schema()));
    }

    private static void readObjectRow(JsonParser json, FeatureBatch batch, int row, boolean[] seen) throws IOException {
        FeatureSchema schema = batch.schema();
        Arrays.fill(seen, false);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            int feature = schema.indexOf(name);
            if (feature == FeatureSchema.NOT_A_FEATURE) {
                throw ApiError.badRequest("UnknownFeature", "row " + row + ": '" + Features.abbreviate(name)
                        + "' is not a feature of the model " + Features.describe(schema));
            }
            if (seen[feature]) {
                throw ApiError.badRequest("DuplicateFeature", "row " + row + ": feature '" + name + "' is given twice");
            }
            seen[feature] = true;
            json.nextToken();
            readValue(json, batch, row, feature);
        }
        for (int feature = 0; feature < seen.length; feature++) {
            if (!seen[feature]) {
                throw ApiError.badRequest("MissingFeature", "row " + row + ": feature '" + schema.name(feature)
                        + "' is missing (send null for a missing value)");
            }
        }
    }

    private static void readValue(JsonParser json, FeatureBatch batch, int row, int feature) throws IOException {
        switch (json.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> batch.setNumber(row, feature, json.getDoubleValue());
            case VALUE_STRING -> batch.setString(row, feature, json.getText());
            case VALUE_NULL -> batch.setMissing(row, feature);
            default -> throw ApiError.badRequest("WrongType", "row " + row + ": feature '"
                    + batch.schema().name(feature) + "' must be a number, a category name or null, not "
                    + describe(json.currentToken()));
        }
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> String.valueOf(token.asString());
        };
    }

    /** {@code {"predictions": [...]}}: one number per row, or one array of class probabilities per row. */
    @Override
    public float[] predictions(Buffer answer, int rows, int outputWidth) throws IOException {
        float[] out = new float[rows * outputWidth];
        boolean found = Json.readFields(answer.getBytes(), (field, json) -> {
            if ("predictions".equals(field)) {
                Json.readNumbers(json, out);
                return true;
            }
            json.skipChildren();
            return false;
        });
        if (!found) {
            throw new IOException("the answer has no \"predictions\"");
        }
        return out;
    }

    @Override
    public Buffer encode(Request request, ServedModel model, float[] predictions) {
        int width = model.outputWidth();
        int rows = request.batch().rows();
        return Json.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("predictions");
            for (int row = 0; row < rows; row++) {
                if (width == 1) {
                    json.writeNumber(predictions[row]);
                } else {
                    json.writeStartArray();
                    for (int c = 0; c < width; c++) {
                        json.writeNumber(predictions[row * width + c]);
                    }
                    json.writeEndArray();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
