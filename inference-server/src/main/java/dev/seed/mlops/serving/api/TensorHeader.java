package dev.seed.mlops.serving.api;

/**
 * An input tensor as the JSON of a V2 request describes it: with its data, or with the size of its raw bytes in
 * the binary part of the body.
 */
record TensorHeader(String name, long[] shape, String datatype, TensorData data, long binarySize) {

    static final long NOT_BINARY = -1;
}
