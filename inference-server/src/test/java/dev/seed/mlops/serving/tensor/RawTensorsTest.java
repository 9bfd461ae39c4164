package dev.seed.mlops.serving.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.serving.api.ApiError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawTensorsTest {

    private static ByteBuffer littleEndian(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static TensorValues read(ByteBuffer bytes, Datatype datatype, long... shape) {
        return RawTensors.read(bytes.flip(), datatype, shape, "x");
    }

    @Test
    void readsEachFixedSizeDatatypeLittleEndian() {
        assertThat(read(littleEndian(8).putFloat(1.5f).putFloat(-2f), Datatype.FP32, 2).number(1)).isEqualTo(-2.0);
        assertThat(read(littleEndian(8).putDouble(0.1), Datatype.FP64, 1).number(0)).isEqualTo(0.1);
        assertThat(read(littleEndian(8).putLong(-7), Datatype.INT64, 1, 1).number(0)).isEqualTo(-7.0);
        assertThat(read(littleEndian(4).putInt(123456), Datatype.INT32, 1).number(0)).isEqualTo(123456.0);
        assertThat(read(littleEndian(2).putShort((short) -3), Datatype.INT16, 1).number(0)).isEqualTo(-3.0);
        assertThat(read(littleEndian(1).put((byte) -4), Datatype.INT8, 1).number(0)).isEqualTo(-4.0);
        assertThat(read(littleEndian(1).put((byte) 200), Datatype.UINT8, 1).number(0)).isEqualTo(200.0);
        assertThat(read(littleEndian(2).putShort((short) 65535), Datatype.UINT16, 1).number(0)).isEqualTo(65535.0);
        assertThat(read(littleEndian(4).putInt(-1), Datatype.UINT32, 1).number(0)).isEqualTo(4294967295.0);
        assertThat(read(littleEndian(8).putLong(-1), Datatype.UINT64, 1).number(0)).isEqualTo(1.8446744073709552E19);
        assertThat(read(littleEndian(2).put((byte) 0).put((byte) 7), Datatype.BOOL, 2).number(1)).isEqualTo(1.0);
    }

    @Test
    void readsHalfPrecisionIncludingSubnormalsAndInfinity() {
        // 0x3C00 = 1.0, 0xC000 = -2.0, 0x0001 = the smallest subnormal, 0x7C00 = +Infinity, 0x7E00 = NaN
        ByteBuffer bytes = littleEndian(10).putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 1)
                .putShort((short) 0x7C00).putShort((short) 0x7E00);
        TensorValues values = read(bytes, Datatype.FP16, 5);
        assertThat(values.number(0)).isEqualTo(1.0);
        assertThat(values.number(1)).isEqualTo(-2.0);
        assertThat(values.number(2)).isEqualTo(Math.scalb(1.0, -24));
        assertThat(values.number(3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(values.number(4)).isNaN();
    }

    @Test
    void readsBytesElementsAsUtf8WithTheirLengthPrefixes() {
        byte[] word = "grüne".getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = littleEndian(12 + word.length).putInt(word.length).put(word).putInt(0).putInt(0);
        TensorValues values = read(bytes, Datatype.BYTES, 3, 1);
        assertThat(values.size()).isEqualTo(3);
        assertThat(values.kind(0)).isEqualTo(TensorValues.Kind.STRING);
        assertThat(values.string(0)).isEqualTo("grüne");
        assertThat(values.string(1)).isEmpty();
        assertThat(values.string(2)).isEmpty();
    }

    @Test
    void readsFromTheBufferPositionWithoutTouchingTheRest() {
        ByteBuffer body = littleEndian(12).putInt(99).putFloat(3f).putInt(99);
        TensorValues values = RawTensors.read(body.position(4).limit(8), Datatype.FP32, new long[] {1}, "x");
        assertThat(values.number(0)).isEqualTo(3.0);
    }

    @Test
    void aByteCountThatDisagreesWithTheShapeNamesTheInputAndBothSizes() {
        assertThatThrownBy(() -> RawTensors.read(littleEndian(12).position(12).flip(), Datatype.FP32,
                new long[] {2, 2}, "features"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("input 'features' has 12 bytes")
                .hasMessageContaining("needs 16")
                .extracting(e -> ((ApiError) e).status()).isEqualTo(400);
    }

    @Test
    void bytesElementsThatOverrunOrFallShortAreRefused() {
        ByteBuffer overrun = littleEndian(6).putInt(100).putShort((short) 0);
        assertThatThrownBy(() -> read(overrun, Datatype.BYTES, 1))
                .isInstanceOf(ApiError.class).hasMessageContaining("claims 100 bytes");
        ByteBuffer tooMany = littleEndian(9).putInt(0).putInt(0).put((byte) 1);
        assertThatThrownBy(() -> read(tooMany, Datatype.BYTES, 2))
                .isInstanceOf(ApiError.class).hasMessageContaining("has 9 bytes");
        ByteBuffer tooFew = littleEndian(4).putInt(0);
        assertThatThrownBy(() -> read(tooFew, Datatype.BYTES, 2))
                .isInstanceOf(ApiError.class).hasMessageContaining("element 1 of 2");
    }

    @Test
    void aShapeWithMoreElementsThanARequestMayHoldIsTooLarge() {
        assertThatThrownBy(() -> RawTensors.read(littleEndian(0), Datatype.FP32,
                new long[] {1L << 40, 1L << 40}, "x"))
                .isInstanceOf(ApiError.class)
                .extracting(e -> ((ApiError) e).status()).isEqualTo(413);
    }

    @Test
    void writesFp32AndFp64LittleEndian() {
        float[] values = {1.5f, -0.25f, 99f};
        ByteBuffer fp32 = ByteBuffer.wrap(RawTensors.write(values, 2, Datatype.FP32)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(fp32.remaining()).isEqualTo(8);
        assertThat(fp32.getFloat(4)).isEqualTo(-0.25f);
        ByteBuffer fp64 = ByteBuffer.wrap(RawTensors.write(values, 3, Datatype.FP64)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(fp64.getDouble(16)).isEqualTo(99.0);
    }
}
