package dev.seed.mlops.serving.grpc;

import com.google.protobuf.ByteString;
import dev.seed.mlops.serving.api.ApiError;
import dev.seed.mlops.serving.grpc.protocol.InferTensorContents;
import dev.seed.mlops.serving.tensor.Datatype;
import dev.seed.mlops.serving.tensor.TensorValues;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * An input's typed contents ({@code InferTensorContents}) as tensor values: the repeated field the protocol assigns
 * to its datatype (INT8..INT32 in int_contents, UINT8..UINT32 in uint_contents, ...). Values in another field than
 * the datatype's are not looked at, so they count as missing elements and the size check names the input.
 */
final class TypedContents {

    private TypedContents() {
    }

    /** @param datatype a datatype of the protocol; FP16 and BF16 have no typed field and are refused */
    static TensorValues of(String input, Datatype datatype, InferTensorContents contents) {
        return switch (datatype) {
            case FP32 -> numbers(contents.getFp32ContentsCount(), contents::getFp32Contents);
            case FP64 -> numbers(contents.getFp64ContentsCount(), contents::getFp64Contents);
            case INT8, INT16, INT32 -> numbers(contents.getIntContentsCount(), contents::getIntContents);
            case INT64 -> numbers(contents.getInt64ContentsCount(), contents::getInt64Contents);
            case UINT8, UINT16, UINT32 -> numbers(contents.getUintContentsCount(),
                    i -> Integer.toUnsignedLong(contents.getUintContents(i)));
            case UINT64 -> numbers(contents.getUint64ContentsCount(), i -> unsigned(contents.getUint64Contents(i)));
            case BOOL -> numbers(contents.getBoolContentsCount(), i -> contents.getBoolContents(i) ? 1 : 0);
            case BYTES -> strings(contents.getBytesContentsList());
            case FP16 -> throw ApiError.badRequest("WrongType", "input '" + input
                    + "': FP16 has no typed contents in the protocol; send it in raw_input_contents");
        };
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }

    private static TensorValues numbers(int size, IntToDoubleFunction value) {
        return new TensorValues() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Kind kind(int index) {
                return Kind.NUMBER;
            }

            @Override
            public double number(int index) {
                return value.applyAsDouble(index);
            }

            @Override
            public String string(int index) {
                throw new IllegalStateException("a numeric tensor holds no strings");
            }
        };
    }

    private static TensorValues strings(List<ByteString> values) {
        return new TensorValues() {
            @Override
            public int size() {
                return values.size();
            }

            @Override
            public Kind kind(int index) {
                return Kind.STRING;
            }

            @Override
            public double number(int index) {
                throw new IllegalStateException("a BYTES tensor holds no numbers");
            }

            @Override
            public String string(int index) {
                return values.get(index).toStringUtf8();
            }
        };
    }
}
