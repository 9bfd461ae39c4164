package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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
