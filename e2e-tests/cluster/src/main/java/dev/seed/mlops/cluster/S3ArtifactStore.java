package dev.seed.mlops.cluster;

import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.testing.S3TestServer;
import dev.seed.mlops.trainer.sample.CreditRiskSample;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Concept;
import dev.seed.mlops.trainer.sample.CreditRiskSample.Population;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The artifact store on S3: a real SeaweedFS ({@link S3TestServer}, the store tests' server) running on this host,
 * bound to the address the cluster node reaches this host at (its Docker network's gateway), so the operator's Jobs
 * and the serving pods reach it from the node through the pod network's masquerade, and the test reaches it directly.
 * The operator is pointed at it through the chart ({@code artifactStore.uri}, {@code artifactStore.s3SecretName}); each
 * namespace gets the Secret with the endpoint and credentials. The sample's source data is uploaded by this JVM through
 * the store module's client, as a user's pipeline would put its data in a bucket.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    /** The Secret, in each namespace, whose keys become the pods' AWS_* environment. */
    public static final String SECRET = "mlops-s3";
    public static final String ROOT = "s3://" + S3TestServer.BUCKET + "/store";
    private static final S3Uri SOURCE = new S3Uri(S3TestServer.BUCKET, "datasets/credit-risk/credit.csv");
    private static final int ROWS = 20_000;

    private final Path dir;
    private final S3TestServer server;
    private final S3Store store;

    private S3ArtifactStore(Path dir, S3TestServer server, S3Store store) {
        this.dir = dir;
        this.server = server;
        this.store = store;
    }

    /** Starts SeaweedFS on {@code address} with its data in {@code dir} (created; it must not hold an earlier store). */
    public static S3ArtifactStore start(Path dir, String address) throws IOException {
        Files.createDirectories(dir);
        S3TestServer server = S3TestServer.start(dir, address);
        return new S3ArtifactStore(dir, server, S3Store.connect(server.settings()));
    }

    @Override
    public Map<String, String> chartValues() {
        return Map.of("artifactStore.uri", ROOT, "artifactStore.s3SecretName", SECRET);
    }

    @Override
    public void prepare(KubernetesClient client, String namespace) {
        client.resource(new SecretBuilder()
                .withNewMetadata().withName(SECRET).withNamespace(namespace).endMetadata()
                .withStringData(server.environment())
                .build()).serverSideApply();
    }

    @Override
    public String sourceUri() {
        return SOURCE.toString();
    }

    /** Writes the CSV the trainer's {@code sample-data} writes (same class, same bytes for a seed) and uploads it. */
    @Override
    public void writeSource(KubernetesClient client, String namespace, Population population, Concept concept, long seed) throws IOException {
        Path file = Files.createTempFile(dir, "credit-", ".csv");
        try {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                new CreditRiskSample(population, concept, seed).writeCsv(out, ROWS);
            }
            store.upload(SOURCE, file);
        } finally {
            Files.delete(file);
        }
    }

    @Override
    public String describe() {
        return ROOT + " on SeaweedFS at " + server.endpoint();
    }

    /** Whether the directory at {@code uri} (a snapshot, a model artifact) is published on the bucket: its marker is there. */
    public boolean isPublished(String uri) {
        return new PublishedDirectory(store).isPublished(S3Uri.parse(uri));
    }

    public long pid() {
        return server.pid();
    }

    /** Stops the server and removes its data. */
    @Override
    public void close() {
        store.close();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
