package dev.seed.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Atomic publication of directories on a real S3 server: visible only complete, checked on every read. */
class PublishedDirectoryTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();
    static PublishedDirectory directories;

    @TempDir
    Path local;

    @BeforeAll
    static void connect() {
        directories = new PublishedDirectory(S3.store());
    }

    private static S3Uri fresh() {
        return new S3Uri(S3TestServer.BUCKET, "models/m-" + UUID.randomUUID() + "/1");
    }

    private Path artifact() throws IOException {
        Path dir = Files.createDirectories(local.resolve("artifact"));
        Files.writeString(dir.resolve("manifest.json"), "{\"modelFile\":\"model.json\"}");
        Files.writeString(dir.resolve("model.json"), "{\"trees\":[1,2,3]}");
        Files.createDirectories(dir.resolve("extra"));
        Files.writeString(dir.resolve("extra/notes.txt"), "nested");
        return dir;
    }

    @Test
    void aPublishedDirectoryIsFetchedWithEveryFile() throws IOException {
        S3Uri target = fresh();
        directories.publish(target, artifact());

        Path copy = local.resolve("copy");
        directories.fetch(target, copy);

        assertThat(directories.isPublished(target)).isTrue();
        assertThat(copy.resolve("model.json")).hasContent("{\"trees\":[1,2,3]}");
        assertThat(copy.resolve("manifest.json")).hasContent("{\"modelFile\":\"model.json\"}");
        assertThat(copy.resolve("extra/notes.txt")).hasContent("nested");
    }

    @Test
    void filesWithoutTheMarkerAreNotADirectoryReadersTake() throws IOException {
        S3Uri target = fresh();
        // What a publisher killed before its last write leaves behind: the files under a content prefix, no marker.
        S3.store().upload(target.resolve(PublishedDirectory.CONTENT_PREFIX + "killed").resolve("model.json"), artifact().resolve("model.json"));

        assertThat(directories.isPublished(target)).isFalse();
        assertThatThrownBy(() -> directories.fetch(target, local.resolve("copy"))).isInstanceOf(ObjectStoreException.class)
                .hasMessage(target + " is not published: it has no published.json (nothing was written there, or the upload did not finish)");
    }

    @Test
    void aFailedPublicationLeavesNeitherMarkerNorFiles() throws IOException {
        S3Uri target = new S3Uri("no-such-bucket-here", "models/m/1");
        try (S3Store other = S3Store.connect(S3.server().settings())) {
            PublishedDirectory missing = new PublishedDirectory(other);
            assertThatThrownBy(() -> missing.publish(target, artifact())).isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("the bucket 'no-such-bucket-here' does not exist");
        }
    }

    @Test
    void aFileChangedAfterPublicationIsRefusedNamingIt() throws IOException {
        S3Uri target = fresh();
        directories.publish(target, artifact());
        String content = directories.marker(target).content();
        S3.store().put(target.resolve(content).resolve("model.json"), "{\"trees\":[9,9,9]}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> directories.fetch(target, local.resolve("copy"))).isInstanceOf(ObjectStoreException.class)
                .hasMessageStartingWith(target + "/model.json does not match published.json: sha256 ")
                .hasMessageEndingWith("it was changed after publication");
    }

    @Test
    void aDirectoryIsPublishedOnceAndNeverOverwritten() throws IOException {
        S3Uri target = fresh();
        directories.publish(target, artifact());
        Path second = Files.createDirectories(local.resolve("second"));
        Files.writeString(second.resolve("model.json"), "other");

        assertThatThrownBy(() -> directories.publish(target, second)).isInstanceOf(AlreadyPublishedException.class)
                .hasMessage(target + " is already published");
        Path copy = local.resolve("copy");
        directories.fetch(target, copy);
        assertThat(copy.resolve("model.json")).hasContent("{\"trees\":[1,2,3]}");
    }
}
