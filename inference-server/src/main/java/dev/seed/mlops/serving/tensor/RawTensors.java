package dev.seed.mlops.serving.tensor;

import dev.seed.mlops.serving.api.ApiError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Raw tensors, the bytes of the Open Inference Protocol's binary_data extension (HTTP) and of gRPC's
 * raw_input_contents / raw_output_contents: little-endian, row-major; BOOL one byte per element; BYTES each
 * element a 4-byte little-endian length then its bytes. Inputs are read in place (no copy of the body).
 */
public final class RawTensors {

    private RawTensors() {
    }

    /**
     * The elements of a raw input tensor, read in place from {@code raw} (its position to its limit).
     *
     * @throws ApiError 400 naming the input when the byte count disagrees with the shape and datatype
     */
    public static TensorValues read(ByteBuffer raw, Datatype datatype, long[] shape, String inputName) {
        ByteBuffer bytes = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        int elements = elementCount(shape, inputName);
        if (datatype == Datatype.BYTES) {
            return new RawStrings(bytes, offsets(bytes, elements, inputName));
        }
        long expected = (long) elements * datatype.elementBytes();
        if (expected != bytes.remaining()) {
            throw sizeMismatch(inputName, bytes.remaining(), expected + " (shape " + Arrays.toString(shape) + " of "
                    + datatype + ", " + datatype.elementBytes() + " bytes each)");
        }
        return new RawNumbers(bytes, datatype, elements);
    }

    /** The first {@code count} values as a raw FP32 or FP64 tensor. */
    public static byte[] write(float[] values, int count, Datatype datatype) {
        if (datatype != Datatype.FP32 && datatype != Datatype.FP64) {
            throw new IllegalArgumentException("outputs are written as FP32 or FP64, not " + datatype);
        }
        ByteBuffer out = ByteBuffer.allocate(count * datatype.elementBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (datatype == Datatype.FP32) {
                out.putFloat(values[i]);
            } else {
                out.putDouble(values[i]);
            }
        }
        return out.array();
    }

    private static int elementCount(long[] shape, String inputName) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw ApiError.badRequest("WrongShape", "input '" + inputName + "' has the negative size " + dim
                        + " in its shape " + Arrays.toString(shape));
            }
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw ApiError.tooLarge("input '" + inputName + "' has shape " + Arrays.toString(shape)
                        + ", more elements than one request may hold");
            }
        }
        return (int) count;
    }

    /** Where each BYTES element starts (after its length); the element's end is the next length field. */
    private static int[] offsets(ByteBuffer bytes, int elements, String inputName) {
        int[] offsets = new int[elements + 1];
        int position = 0;
        for (int i = 0; i < elements; i++) {
            if (bytes.remaining() - position < 4) {
                throw sizeMismatch(inputName, bytes.remaining(), "more: element " + i + " of " + elements
                        + " has no 4-byte length");
            }
            long length = Integer.toUnsignedLong(bytes.getInt(position));
            if (length > bytes.remaining() - position - 4L) {
                throw sizeMismatch(inputName, bytes.remaining(), "more: element " + i + " of " + elements
                        + " claims " + length + " bytes");
            }
            offsets[i] = position + 4;
            position += 4 + (int) length;
        }
        if (position != bytes.remaining()) {
            throw sizeMismatch(inputName, bytes.remaining(), position + " for " + elements + " BYTES elements");
        }
        offsets[elements] = position + 4;
        return offsets;
    }

    private static ApiError sizeMismatch(String inputName, int actual, String expected) {
        return ApiError.badRequest("WrongSize", "input '" + inputName + "' has " + actual
                + " bytes of binary data but needs " + expected);
    }

    /** Fixed-size elements, decoded on access. */
    private record RawNumbers(ByteBuffer bytes, Datatype datatype, int size) implements TensorValues {

        @Override
        public Kind kind(int index) {
            return Kind.NUMBER;
        }

        @Override
        public double number(int index) {
            int at = index * datatype.elementBytes();
            return switch (datatype) {
                case BOOL -> bytes.get(at) == 0 ? 0 : 1;
                case UINT8 -> Byte.toUnsignedInt(bytes.get(at));
                case UINT16 -> Short.toUnsignedInt(bytes.getShort(at));
                case UINT32 -> Integer.toUnsignedLong(bytes.getInt(at));
                case UINT64 -> unsignedToDouble(bytes.getLong(at));
                case INT8 -> bytes.get(at);
                case INT16 -> bytes.getShort(at);
                case INT32 -> bytes.getInt(at);
                case INT64 -> bytes.getLong(at);
                case FP16 -> halfToFloat(bytes.getShort(at));
                case FP32 -> bytes.getFloat(at);
                case FP64 -> bytes.getDouble(at);
                case BYTES -> throw new IllegalStateException("BYTES are not numbers");
            };
        }

        @Override
        public String string(int index) {
            throw new IllegalStateException("element " + index + " is a number");
        }
    }

    /** BYTES elements, decoded as UTF-8 on access. */
    private record RawStrings(ByteBuffer bytes, int[] offsets) implements TensorValues {

        @Override
        public int size() {
            return offsets.length - 1;
        }

        @Override
        public Kind kind(int index) {
            return Kind.STRING;
        }

        @Override
        public double number(int index) {
            throw new IllegalStateException("element " + index + " is a string");
        }

        @Override
        public String string(int index) {
            int start = offsets[index];
            byte[] utf8 = new byte[offsets[index + 1] - 4 - start];
            bytes.get(start, utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }

    private static double unsignedToDouble(long value) {
        return value >= 0 ? value : ((value >>> 1) | (value & 1)) * 2.0;
    }

    /** IEEE 754 half precision to float (Float.float16ToFloat arrives only in Java 20). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
