package dev.seed.mlops.serving.api;

import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.model.FeatureSchema;
import dev.seed.mlops.serving.tensor.Features;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Request bodies as the model reads them: as sent, or inflated from {@code Content-Encoding: gzip} or
 * {@code deflate}. The size limit applies to the inflated bytes and inflation stops as soon as they pass it, so a
 * small compressed body that inflates to gigabytes costs one limit's worth of memory and gets a 413.
 */
final class RequestBodies {

    private static final int CHUNK = 16 * 1024;

    private RequestBodies() {
    }

    /** A predict, infer or explain request: its body inflated if it was compressed, then read by the protocol. */
    static InferenceProtocol.Request decode(RoutingContext ctx, InferenceProtocol protocol, FeatureSchema schema,
            ServingConfig.Http limits) throws IOException {
        Buffer sent = ctx.body().buffer();
        Buffer body = decoded(sent == null ? Buffer.buffer() : sent,
                ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING), limits.maxBodyBytes());
        int jsonLength = BinaryTensors.jsonLength(ctx.request().getHeader(BinaryTensors.HEADER));
        return protocol.decode(body, jsonLength, schema, limits.maxRows());
    }

    /**
     * @throws ApiError 413 when the inflated body is over {@code maxBytes}, 400 when it cannot be inflated, 415 for
     *                  an encoding other than identity, gzip and deflate
     */
    static Buffer decoded(Buffer body, String contentEncoding, int maxBytes) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity", "" -> body;
            case "gzip", "x-gzip" -> inflate(body, encoding, maxBytes, true);
            case "deflate" -> inflate(body, encoding, maxBytes, false);
            default -> throw new ApiError(415, "UnsupportedEncoding", "Content-Encoding '"
                    + Features.abbreviate(contentEncoding) + "' is not served; send identity, gzip or deflate");
        };
    }

    private static Buffer inflate(Buffer body, String encoding, int maxBytes, boolean gzip) {
        byte[] compressed = body.getBytes();
        Inflater inflater = gzip ? null : new Inflater(!isZlib(compressed));
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(compressed), CHUNK)
                : new InflaterInputStream(new ByteArrayInputStream(compressed), inflater, CHUNK)) {
            byte[] out = new byte[Math.min(maxBytes + 1, Math.max(CHUNK, compressed.length * 4))];
            int size = 0;
            int read;
            while ((read = in.read(out, size, Math.min(out.length - size, CHUNK))) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw ApiError.tooLarge("the body is larger than " + maxBytes + " bytes once decompressed ("
                            + encoding + ")");
                }
                if (size == out.length) {
                    out = Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
                }
            }
            return Buffer.buffer(Arrays.copyOf(out, size));
        } catch (IOException e) {
            throw ApiError.badRequest("BadEncoding", "the body is not valid " + encoding + " data: " + e.getMessage());
        } finally {
            if (inflater != null) {
                inflater.end(); // its native memory, which closing the stream leaves to a provided inflater
            }
        }
    }

    /** RFC 1950 (what HTTP's "deflate" means), or else raw RFC 1951 deflate, which some clients send. */
    private static boolean isZlib(byte[] data) {
        return data.length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] & 0xFF) * 256 + (data[1] & 0xFF)) % 31 == 0;
    }
}
