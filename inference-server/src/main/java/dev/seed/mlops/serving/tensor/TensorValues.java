package dev.seed.mlops.serving.tensor;

/**
 * The elements of an input tensor in row-major order, however they were sent (JSON data, raw bytes): numbers,
 * strings and nulls, kept apart so the datatype can be checked against what was actually sent.
 */
public interface TensorValues {

    enum Kind { NUMBER, STRING, NULL }

    int size();

    Kind kind(int index);

    /** The element at {@code index} if its kind is NUMBER. */
    double number(int index);

    /** The element at {@code index} if its kind is STRING. */
    String string(int index);
}
