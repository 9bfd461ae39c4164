package dev.seed.mlops.serving.grpc;

import io.grpc.Decompressor;
import io.grpc.DecompressorRegistry;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.zip.InflaterInputStream;

/**
 * Accepts messages compressed with {@code grpc-encoding: deflate} (zlib), which tritonclient offers beside gzip;
 * grpc-java decompresses only gzip by itself. The message size limit counts the decompressed bytes, so a small
 * compressed bomb is refused like a large message.
 */
@ApplicationScoped
public class DeflateMessages implements ServerBuilderCustomizer<VertxServerBuilder> {

    @Override
    public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
        builder.decompressorRegistry(DecompressorRegistry.getDefaultInstance().with(new Deflate(), true));
    }

    private static final class Deflate implements Decompressor {
        @Override
        public String getMessageEncoding() {
            return "deflate";
        }

        @Override
        public InputStream decompress(InputStream compressed) {
            return new InflaterInputStream(compressed);
        }
    }
}
