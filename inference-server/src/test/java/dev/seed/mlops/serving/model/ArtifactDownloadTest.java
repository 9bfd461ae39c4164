package dev.seed.mlops.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.fixtures.XgboostFixture;
import dev.seed.mlops.serving.fixtures.XgboostFixture.Kind;
import dev.seed.mlops.store.PublishedDirectory;
import dev.seed.mlops.store.S3Uri;
import dev.seed.mlops.store.testing.S3Server;
import dev.seed.mlops.store.testing.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Serving a model published on a real S3 server (SeaweedFS): downloaded, checked, refused when it is not the registered one. */
class ArtifactDownloadTest {
    @RegisterExtension
    static final S3Server S3 = new S3Server();

    @TempDir
    Path scratch;

    private static S3Uri publish() throws IOException {
        S3Uri uri = new S3Uri(S3TestServer.BUCKET, "store-" + UUID.randomUUID() + "/models/credit/1");
        new PublishedDirectory(S3.store()).publish(uri, XgboostFixture.artifact(Kind.BINARY));
        return uri;
    }

    private ModelArtifact read(Path dir) {
        return new ArtifactReader(new ObjectMapper()).read(dir, Optional.of("credit"), Optional.of("1"));
    }

    @Test
    void aPublishedArtifactIsDownloadedAndServedWhenItsDigestIsTheRecordedOne() throws IOException {
        S3Uri uri = publish();
        Path dir = scratch.resolve("model");

        ArtifactDownload.fetch(uri.toString(), dir, S3.server().settings());

        ModelArtifact artifact = read(dir);
        ModelArtifact original = read(XgboostFixture.artifact(Kind.BINARY));
        assertThat(artifact.manifest().modelSha256()).isEqualTo(original.manifest().modelSha256());
        ArtifactDownload.checkRecordedDigest(artifact, "sha256:" + original.manifest().modelSha256(), uri.toString());
    }

    @Test
    void anArtifactThatIsNotTheRegisteredOneIsRefused() throws IOException {
        S3Uri uri = publish();
        Path dir = scratch.resolve("model");
        ArtifactDownload.fetch(uri.toString(), dir, S3.server().settings());
        String other = "0".repeat(64);

        assertThatThrownBy(() -> ArtifactDownload.checkRecordedDigest(read(dir), other, uri.toString()))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageStartingWith("the model file of " + uri + " has sha256 ")
                .hasMessageEndingWith("but the ModelVersion records " + other + ": refusing to serve an artifact that is not the registered one");
    }

    @Test
    void aModelFileChangedOnTheStoreIsRefusedNamingIt() throws IOException {
        S3Uri uri = publish();
        PublishedDirectory directories = new PublishedDirectory(S3.store());
        String modelFile = read(XgboostFixture.artifact(Kind.BINARY)).manifest().modelFile();
        S3.store().put(uri.resolve(directories.marker(uri).content()).resolve(modelFile), "{}".getBytes());

        assertThatThrownBy(() -> ArtifactDownload.fetch(uri.toString(), scratch.resolve("model"), S3.server().settings()))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageStartingWith("cannot load the model: " + uri + "/" + modelFile + " does not match published.json")
                .hasMessageEndingWith("it was changed after publication");
    }

    @Test
    void anArtifactWhoseUploadDidNotFinishIsNotServed() {
        S3Uri uri = new S3Uri(S3TestServer.BUCKET, "store-" + UUID.randomUUID() + "/models/credit/1");
        S3.store().put(uri.resolve(".content-killed/model.json"), "{}".getBytes());

        assertThatThrownBy(() -> ArtifactDownload.fetch(uri.toString(), scratch.resolve("model"), S3.server().settings()))
                .hasMessage("cannot load the model: " + uri + " is not published: it has no published.json"
                        + " (nothing was written there, or the upload did not finish)");
        assertThat(scratch.resolve("model")).isEmptyDirectory();
    }

    @Test
    void wrongCredentialsAreNamedWithoutTheSecret() throws IOException {
        S3Uri uri = publish();
        String wrong = "wrong-" + UUID.randomUUID();

        assertThatThrownBy(() -> ArtifactDownload.fetch(uri.toString(), scratch.resolve("model"), S3.server().settings("mlops-test-key", wrong)))
                .hasMessageStartingWith("cannot load the model: cannot look up " + uri + "/published.json: access denied")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong, S3.server().secret()));
        assertThat(Files.exists(scratch.resolve("model/manifest.json"))).isFalse();
    }
}
