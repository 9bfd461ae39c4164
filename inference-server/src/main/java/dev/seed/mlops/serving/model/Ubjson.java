package dev.seed.mlops.serving.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A reader of Universal Binary JSON (big-endian, optimized containers included), the format XGBoost saves
 * models in unless the file name ends in .json. It yields the same tree as XGBoost's JSON model format.
 */
final class Ubjson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte NO_TYPE = 0;

    private final ByteBuffer in;

    private Ubjson(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    static JsonNode read(byte[] bytes) {
        try {
            return new Ubjson(bytes).value(NO_TYPE);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new InvalidArtifactException("the XGBoost model is not valid UBJSON: " + e.getMessage(), e);
        }
    }

    /** Reads one value; {@code type} is the element type of an optimized container, or NO_TYPE. */
    private JsonNode value(byte type) {
        byte marker = type == NO_TYPE ? in.get() : type;
        while (marker == 'N') {
            marker = in.get();
        }
        return switch (marker) {
            case 'Z' -> NODES.nullNode();
            case 'T' -> NODES.booleanNode(true);
            case 'F' -> NODES.booleanNode(false);
            case 'i', 'U', 'I', 'l', 'L' -> NODES.numberNode(integer(marker));
            case 'd' -> NODES.numberNode(in.getFloat());
            case 'D' -> NODES.numberNode(in.getDouble());
            case 'C' -> NODES.textNode(String.valueOf((char) in.get()));
            case 'S', 'H' -> NODES.textNode(string());
            case '[' -> array();
            case '{' -> object();
            default -> throw new IllegalArgumentException("unknown marker '" + (char) marker + "' at " + (in.position() - 1));
        };
    }

    private long integer(byte marker) {
        return switch (marker) {
            case 'i' -> in.get();
            case 'U' -> in.get() & 0xff;
            case 'I' -> in.getShort();
            case 'l' -> in.getInt();
            case 'L' -> in.getLong();
            default -> throw new IllegalArgumentException("expected an integer marker, got '" + (char) marker + "'");
        };
    }

    private String string() {
        long length = integer(in.get());
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string length " + length + " at " + in.position());
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private ArrayNode array() {
        ArrayNode array = NODES.arrayNode();
        byte type = containerType();
        long count = containerCount();
        if (count >= 0) {
            for (long i = 0; i < count; i++) {
                array.add(value(type));
            }
            return array;
        }
        while (in.get(in.position()) != ']') {
            array.add(value(NO_TYPE));
        }
        in.get();
        return array;
    }

    private ObjectNode object() {
        ObjectNode object = NODES.objectNode();
        byte type = containerType();
        long count = containerCount();
        if (count >= 0) {
            for (long i = 0; i < count; i++) {
                String key = string();
                object.set(key, value(type));
            }
            return object;
        }
        while (in.get(in.position()) != '}') {
            String key = string();
            object.set(key, value(NO_TYPE));
        }
        in.get();
        return object;
    }

    private byte containerType() {
        if (in.get(in.position()) != '$') {
            return NO_TYPE;
        }
        in.get();
        return in.get();
    }

    /** The element count of an optimized container, or -1 when the container ends with a closing marker. */
    private long containerCount() {
        if (in.get(in.position()) != '#') {
            return -1;
        }
        in.get();
        long count = integer(in.get());
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("container count " + count + " at " + in.position());
        }
        return count;
    }
}
