package dev.seed.mlops.serving.tensor;

import java.util.HashMap;
import java.util.Map;

/**
 * The Open Inference Protocol tensor datatypes, with the size of one element in a raw (binary) tensor:
 * little-endian, row-major; BYTES elements are variable, each a 4-byte little-endian length then the bytes.
 */
public enum Datatype {
    BOOL(1), UINT8(1), UINT16(2), UINT32(4), UINT64(8), INT8(1), INT16(2), INT32(4), INT64(8),
    FP16(2), FP32(4), FP64(8), BYTES(0);

    private static final Map<String, Datatype> BY_NAME = new HashMap<>();

    static {
        for (Datatype datatype : values()) {
            BY_NAME.put(datatype.name(), datatype);
        }
    }

    private final int elementBytes;

    Datatype(int elementBytes) {
        this.elementBytes = elementBytes;
    }

    /** The datatype of a protocol name, or null for a name the protocol does not define. */
    public static Datatype of(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /** Bytes per element in a raw tensor; 0 for BYTES, whose elements carry their own length. */
    public int elementBytes() {
        return elementBytes;
    }

    public boolean isInteger() {
        return this != BOOL && this != BYTES && !isFloat();
    }

    public boolean isFloat() {
        return this == FP16 || this == FP32 || this == FP64;
    }

    public boolean isNumeric() {
        return isInteger() || isFloat();
    }
}
