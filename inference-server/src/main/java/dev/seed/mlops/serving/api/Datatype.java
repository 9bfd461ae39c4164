package dev.seed.mlops.serving.api;

import java.util.Map;

/** The Open Inference Protocol tensor datatypes, by what their elements must be in JSON. */
enum Datatype {
    INTEGER, FLOAT, BYTES, BOOL;

    private static final Map<String, Datatype> BY_NAME = Map.ofEntries(
            Map.entry("BOOL", BOOL),
            Map.entry("UINT8", INTEGER), Map.entry("UINT16", INTEGER), Map.entry("UINT32", INTEGER),
            Map.entry("UINT64", INTEGER), Map.entry("INT8", INTEGER), Map.entry("INT16", INTEGER),
            Map.entry("INT32", INTEGER), Map.entry("INT64", INTEGER),
            Map.entry("FP16", FLOAT), Map.entry("FP32", FLOAT), Map.entry("FP64", FLOAT),
            Map.entry("BYTES", BYTES));

    /** The datatype of a V2 name, or null for a name the protocol does not define. */
    static Datatype of(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    boolean isNumeric() {
        return this == INTEGER || this == FLOAT;
    }
}
