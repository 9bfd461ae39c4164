package dev.seed.mlops.store.testing;

import static org.awaitility.Awaitility.await;

import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server for tests: SeaweedFS ({@code weed mini}, built by e2e-tests/scripts/build-seaweedfs.sh; its path
 * comes in the system property {@code seaweedfs.binary}) on free loopback ports, with one bucket, {@value #BUCKET},
 * and one identity allowed to do everything. Its data and log live in a directory the caller owns. The cluster suite
 * binds it to another address of this host instead, one a cluster node's pods can reach.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String BUCKET = "mlops-test";
    private static final String ACCESS_KEY = "mlops-test-key";

    private final Process process;
    private final Path log;
    private final String address;
    private final int port;
    private final String secret;

    private S3TestServer(Process process, Path log, String address, int port, String secret) {
        this.process = process;
        this.log = log;
        this.address = address;
        this.port = port;
        this.secret = secret;
    }

    /** Starts the server on the loopback address with its data in {@code dir} and waits until the bucket answers. */
    public static S3TestServer start(Path dir) throws IOException {
        return start(dir, "127.0.0.1");
    }

    /** As above, every port bound to {@code address}, an IPv4 address of this host. */
    public static S3TestServer start(Path dir, String address) throws IOException {
        Path weed = binary();
        String secret = UUID.randomUUID().toString();
        Path config = dir.resolve("s3.json");
        Files.writeString(config, """
                {"identities": [{"name": "mlops-test", "credentials": [{"accessKey": "%s", "secretKey": "%s"}],
                  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
                """.formatted(ACCESS_KEY, secret));
        Path data = Files.createDirectories(dir.resolve("data"));
        int s3Port = freePort();
        List<String> command = new ArrayList<>(List.of(weed.toString(), "mini", "-dir=" + data, "-ip=" + address,
                "-ip.bind=" + address, "-s3.config=" + config, "-bucket=" + BUCKET, "-s3.port=" + s3Port,
                "-s3.autoCreateBucket=false", "-s3.port.iceberg=0", "-s3.port.lance=0", "-webdav=false", "-admin.ui=false", "-master.telemetry=false"));
        for (String flag : List.of("s3.port.grpc", "master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
                "filer.port", "filer.port.grpc")) {
            command.add("-" + flag + "=" + freePort());
        }
        Path log = dir.resolve("weed.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3TestServer server = new S3TestServer(process, log, address, s3Port, secret);
        try (S3Store store = S3Store.connect(server.settings())) {
            S3Uri probe = new S3Uri(BUCKET, "probe");
            await("SeaweedFS's S3 gateway on port " + s3Port + " with bucket " + BUCKET + " (log: " + log + ")")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("weed exited with " + process.exitValue() + "; see " + log);
                        }
                        return store.list(probe).isEmpty();
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Path binary() {
        Path weed = Path.of(System.getProperty("seaweedfs.binary", "weed"));
        if (!Files.isExecutable(weed)) {
            throw new IllegalStateException("no SeaweedFS binary at " + weed + " (system property seaweedfs.binary):"
                    + " build it with e2e-tests/scripts/build-seaweedfs.sh, which ./mlops test runs");
        }
        return weed;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI endpoint() {
        return URI.create("http://" + address + ":" + port);
    }

    /** Settings that reach this server with its credentials. */
    public S3Settings settings() {
        return settings(ACCESS_KEY, secret);
    }

    public S3Settings settings(String accessKey, String secretKey) {
        return new S3Settings(Optional.of(endpoint()), S3Settings.DEFAULT_REGION, true, Optional.of(accessKey), Optional.of(secretKey));
    }

    /** The environment a pod gets from the operator, for programs the tests start. */
    public Map<String, String> environment() {
        return Map.of(S3Settings.ENDPOINT, endpoint().toString(), S3Settings.PATH_STYLE, "true",
                S3Settings.ACCESS_KEY_ID, ACCESS_KEY, S3Settings.SECRET_ACCESS_KEY, secret);
    }

    public String secret() {
        return secret;
    }

    public Path log() {
        return log;
    }

    /** The process id of {@code weed}, for a caller that leaves it running past this JVM (the demo). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping weed", e);
        }
    }
}
