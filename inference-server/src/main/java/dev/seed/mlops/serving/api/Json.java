package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The streaming JSON reader and writer of the inference protocols. */
final class Json {

    /** NaN is accepted as a number so that a client can send a missing value the way numpy writes it. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    static JsonParser parser(byte[] body) throws IOException {
        return FACTORY.createParser(body);
    }

    /**
     * Walks the top-level fields of a JSON object, each positioned on its value, which {@code reader} consumes.
     *
     * @return whether the reader found what it looks for in any field
     */
    static boolean readFields(byte[] body, FieldReader reader) throws IOException {
        boolean found = false;
        try (JsonParser json = parser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                found |= reader.read(field, json);
            }
        }
        return found;
    }

    @FunctionalInterface
    interface FieldReader {
        /** Consumes the value of {@code field}; true if it held what the reader looks for. */
        boolean read(String field, JsonParser json) throws IOException;
    }

    /**
     * Reads the numbers of an array, nested arrays flattened in order, from its START_ARRAY to its END_ARRAY, into
     * {@code out}; fails unless it holds exactly {@code out.length} numbers.
     */
    static void readNumbers(JsonParser json, float[] out) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("predictions must be an array");
        }
        int depth = 1;
        int count = 0;
        while (depth > 0) {
            JsonToken token = json.nextToken();
            if (token == null) {
                throw new IOException("the answer ends inside the predictions");
            }
            switch (token) {
                case START_ARRAY -> depth++;
                case END_ARRAY -> depth--;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (count == out.length) {
                        throw new IOException("more than " + out.length + " predictions");
                    }
                    out[count++] = json.getFloatValue();
                }
                default -> throw new IOException("a prediction is " + token + ", not a number");
            }
        }
        if (count != out.length) {
            throw new IOException(count + " predictions where " + out.length + " were expected");
        }
    }

    /** Writes a JSON document with {@code body} and returns it as a Vert.x buffer. */
    static Buffer write(Body body) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256)) {
            try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
                body.write(generator);
            }
            return Buffer.buffer(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
