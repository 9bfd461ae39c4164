package dev.seed.mlops.store.testing;

import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's real S3 server ({@link S3TestServer}) and a client connected to it, started before the class's
 * {@code @BeforeAll} methods and stopped after its last test, its data removed then:
 * {@code @RegisterExtension static final S3Server S3 = new S3Server();}
 */
public final class S3Server implements BeforeAllCallback, AfterAllCallback {
    private final int partSize;
    private Path dir;
    private S3TestServer server;
    private S3Store store;

    public S3Server() {
        this(S3Store.DEFAULT_PART_SIZE);
    }

    /** A client that uploads in parts of {@code partSize} bytes (at least S3's 5 MiB), to exercise multipart uploads. */
    public S3Server(int partSize) {
        this.partSize = partSize;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("s3-server-");
        server = S3TestServer.start(dir);
        store = S3Store.connect(server.settings(), partSize);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(S3Server::delete);
        }
    }

    public S3TestServer server() {
        return server;
    }

    public S3Store store() {
        return store;
    }

    public S3Settings settings() {
        return server.settings();
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
